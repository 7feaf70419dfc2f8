package net.archway.cli.config;

import java.util.ArrayList;
import java.util.List;

import net.archway.cli.schema.Schema;
import net.archway.cli.schema.Statement;
import net.archway.cli.schema.ValueType;

/**
 * Validates a whole configuration: mandatory statements, references to named objects, and the
 * checks subsystems registered. Types were checked when the values were parsed.
 */
public final class ConfigValidator {
    private final Schema schema;
    private final List<ConfigCheck> checks;

    public ConfigValidator(Schema schema, List<ConfigCheck> checks) {
        this.schema = schema;
        this.checks = List.copyOf(checks);
    }

    /** Every error in the effective form of {@code root}; empty when it may be committed. */
    public List<ConfigError> validate(ConfigNode root) {
        ConfigNode effective = ConfigTrees.effective(root);
        List<ConfigError> errors = new ArrayList<>();
        walk(effective, effective, new ArrayList<>(), errors);
        for (ConfigCheck c : checks) {
            c.check(effective, (path, message) -> errors.add(new ConfigError(path, message)));
        }
        return errors;
    }

    private void walk(ConfigNode root, ConfigNode node, List<Step> path, List<ConfigError> errors) {
        Statement def = node.def();
        if (def.hasChildren()) {
            for (Statement child : def.children().values()) {
                if (child.isMandatory() && node.entries(child.name()).isEmpty()) {
                    errors.add(new ConfigError(path, "'" + child.name() + "' is missing"));
                }
            }
        }
        for (ConfigNode c : node.children()) {
            ValueType type = c.def().type();
            if (type != null && type.referencePath() != null) {
                for (String v : c.values()) {
                    if (!exists(root, type.referencePath(), v)) {
                        errors.add(new ConfigError(path, "'" + c.name() + "': " + String.join(" ", type.referencePath())
                                + " '" + v + "' is not defined"));
                    }
                }
            }
            if (c.def().hasChildren()) {
                path.add(new Step(c.def(), c.keys()));
                walk(root, c, path, errors);
                path.remove(path.size() - 1);
            }
        }
    }

    private static boolean exists(ConfigNode root, List<String> listPath, String key) {
        ConfigNode n = root;
        for (int i = 0; i < listPath.size() - 1; i++) {
            n = n.child(listPath.get(i));
            if (n == null) {
                return false;
            }
        }
        String list = listPath.get(listPath.size() - 1);
        if (n.child(ConfigNode.identity(list, List.of(key))) != null) {
            return true;
        }
        for (ConfigNode e : n.entries(list)) { // a composite key: the name is the first
            if (!e.keys().isEmpty() && e.keys().get(0).equals(key)) {
                return true;
            }
        }
        return false;
    }

    public Schema schema() {
        return schema;
    }
}
