package net.archway.cli.config;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.archway.cli.schema.InvalidValueException;
import net.archway.cli.schema.Schema;
import net.archway.cli.schema.Statement;

/**
 * The JSON form, in the Junos layout: {@code {"configuration": {...}}}; a container is an
 * object, a list an array of objects carrying their keys by name ({@code "name"}), a leaf a
 * string, a leaf-list an array of strings, a flag {@code [null]}. Inactive statements and
 * annotations are attributes: {@code "@": {"inactive": true, "comment": "/* ... *}{@code /"}} on
 * objects, {@code "@peer-as": {...}} beside a leaf.
 */
public final class ConfigJson {
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ConfigJson() {
    }

    /** The tree as JSON text. */
    public static String print(ConfigNode root, boolean showSecrets) {
        ObjectNode top = F.objectNode();
        top.set("configuration", toJson(root, showSecrets));
        try {
            return MAPPER.writeValueAsString(top) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The children of {@code node} as a JSON object. */
    public static ObjectNode toJson(ConfigNode node, boolean showSecrets) {
        ObjectNode obj = F.objectNode();
        for (ConfigNode c : node.children()) {
            Statement def = c.def();
            String name = def.name();
            switch (def.kind()) {
                case LEAF -> {
                    obj.put(name, def.type().secret() && !showSecrets ? "/* SECRET-DATA */" : c.value());
                    attributes(c, obj, "@" + name);
                }
                case LEAF_LIST -> {
                    ArrayNode a = obj.putArray(name);
                    for (String v : c.values()) {
                        a.add(def.type().secret() && !showSecrets ? "/* SECRET-DATA */" : v);
                    }
                    attributes(c, obj, "@" + name);
                }
                case FLAG -> {
                    obj.putArray(name).addNull();
                    attributes(c, obj, "@" + name);
                }
                case CONTAINER -> {
                    ObjectNode o = toJson(c, showSecrets);
                    ObjectNode attrs = attributeObject(c);
                    if (attrs != null) {
                        ObjectNode withAttrs = F.objectNode();
                        withAttrs.set("@", attrs);
                        withAttrs.setAll(o);
                        o = withAttrs;
                    }
                    obj.set(name, o);
                }
                case LIST -> {
                    ArrayNode a = obj.has(name) ? (ArrayNode) obj.get(name) : obj.putArray(name);
                    ObjectNode entry = F.objectNode();
                    ObjectNode attrs = attributeObject(c);
                    if (attrs != null) {
                        entry.set("@", attrs);
                    }
                    for (int i = 0; i < def.keys().size(); i++) {
                        entry.put(def.keys().get(i).name(), c.keys().get(i));
                    }
                    entry.setAll(toJson(c, showSecrets));
                    a.add(entry);
                }
            }
        }
        return obj;
    }

    private static ObjectNode attributeObject(ConfigNode c) {
        if (!c.isInactive() && c.annotation() == null) {
            return null;
        }
        ObjectNode attrs = F.objectNode();
        if (c.isInactive()) {
            attrs.put("inactive", true);
        }
        if (c.annotation() != null) {
            attrs.put("comment", "/* " + c.annotation() + " */");
        }
        return attrs;
    }

    private static void attributes(ConfigNode c, ObjectNode obj, String field) {
        ObjectNode attrs = attributeObject(c);
        if (attrs != null) {
            obj.set(field, attrs);
        }
    }

    /** Parses the JSON form. */
    public static ConfigNode parse(Schema schema, String text) throws ConfigSyntaxException {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ConfigSyntaxException("invalid JSON at line " + (loc == null ? 0 : loc.getLineNr()) + " column "
                    + (loc == null ? 0 : loc.getColumnNr()) + ": " + e.getOriginalMessage(),
                    loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr(), -1);
        }
        if (tree == null || !tree.isObject() || !tree.has("configuration") || !tree.get("configuration").isObject()) {
            throw new ConfigSyntaxException("JSON configuration must be an object {\"configuration\": {...}}");
        }
        ConfigNode.Builder root = new ConfigNode.Builder(schema.root(), List.of());
        fill(root, tree.get("configuration"), new ArrayList<>());
        return root.build();
    }

    private static void fill(ConfigNode.Builder b, JsonNode obj, List<Step> path) throws ConfigSyntaxException {
        Iterator<Map.Entry<String, JsonNode>> it = obj.properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode v = e.getValue();
            if (name.startsWith("@")) {
                continue; // attributes are read with their statement
            }
            Statement def = b.def.child(name);
            if (def == null) {
                if (def == null && b.def.kind() == Statement.Kind.LIST
                        && b.def.keys().stream().anyMatch(k -> k.name().equals(name))) {
                    continue; // a key, read with its entry
                }
                throw err(path, "unknown statement '" + name + "'");
            }
            List<Step> here = new ArrayList<>(path);
            switch (def.kind()) {
                case LEAF -> {
                    if (!v.isValueNode() || v.isNull()) {
                        throw err(path, "'" + name + "' must be a value");
                    }
                    ConfigNode.Builder c = b.child(def, List.of());
                    c.values = new ArrayList<>(List.of(value(def, v.asText(), path)));
                    readAttributes(c, obj.get("@" + name), path);
                }
                case LEAF_LIST -> {
                    if (!v.isArray()) {
                        throw err(path, "'" + name + "' must be an array");
                    }
                    ConfigNode.Builder c = b.child(def, List.of());
                    for (JsonNode x : v) {
                        if (!x.isValueNode() || x.isNull()) {
                            throw err(path, "'" + name + "' must hold values");
                        }
                        String val = value(def, x.asText(), path);
                        if (!c.values.contains(val)) {
                            c.values.add(val);
                        }
                    }
                    readAttributes(c, obj.get("@" + name), path);
                }
                case FLAG -> {
                    if (!(v.isArray() && v.size() == 1 && v.get(0).isNull())) {
                        throw err(path, "'" + name + "' is a flag: [null]");
                    }
                    readAttributes(b.child(def, List.of()), obj.get("@" + name), path);
                }
                case CONTAINER -> {
                    if (!v.isObject()) {
                        throw err(path, "'" + name + "' must be an object");
                    }
                    ConfigNode.Builder c = b.child(def, List.of());
                    readAttributes(c, v.get("@"), path);
                    here.add(new Step(def, List.of()));
                    fill(c, v, here);
                }
                case LIST -> {
                    if (!v.isArray()) {
                        throw err(path, "'" + name + "' must be an array of entries");
                    }
                    for (JsonNode entry : v) {
                        if (!entry.isObject()) {
                            throw err(path, "'" + name + "' entries must be objects");
                        }
                        List<String> keys = new ArrayList<>();
                        for (Statement.Key k : def.keys()) {
                            JsonNode kv = entry.get(k.name());
                            if (kv == null || !kv.isValueNode() || kv.isNull()) {
                                throw err(path, "'" + name + "' entry without '" + k.name() + "'");
                            }
                            try {
                                keys.add(k.type().canonical(kv.asText()));
                            } catch (InvalidValueException ex) {
                                throw err(path, name + ": " + ex.getMessage());
                            }
                        }
                        ConfigNode.Builder c = b.child(def, keys);
                        readAttributes(c, entry.get("@"), path);
                        List<Step> entryPath = new ArrayList<>(path);
                        entryPath.add(new Step(def, keys));
                        fill(c, entry, entryPath);
                    }
                }
            }
        }
    }

    private static String value(Statement def, String raw, List<Step> path) throws ConfigSyntaxException {
        try {
            return def.type().canonical(raw);
        } catch (InvalidValueException e) {
            throw err(path, def.name() + ": " + e.getMessage());
        }
    }

    private static void readAttributes(ConfigNode.Builder b, JsonNode attrs, List<Step> path)
            throws ConfigSyntaxException {
        if (attrs == null) {
            return;
        }
        if (!attrs.isObject()) {
            throw err(path, "attributes of '" + b.def.name() + "' must be an object");
        }
        if (attrs.path("inactive").asBoolean(false)) {
            b.inactive = true;
        }
        JsonNode comment = attrs.get("comment");
        if (comment != null) {
            String c = comment.asText().strip();
            if (c.startsWith("/*") && c.endsWith("*/") && c.length() >= 4) {
                c = c.substring(2, c.length() - 2).strip();
            }
            b.annotation = c;
        }
    }

    private static ConfigSyntaxException err(List<Step> path, String message) {
        return new ConfigSyntaxException(Step.editBanner(path) + " " + message);
    }
}
