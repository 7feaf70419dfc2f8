package net.archway.cli.shell;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

import net.archway.cli.config.ConfigJson;
import net.archway.cli.config.ConfigNode;
import net.archway.cli.config.ConfigPrinter;
import net.archway.cli.config.Step;
import net.archway.cli.op.OpResult;

/**
 * A configuration shown ({@code show configuration}, {@code show} in configuration mode): the
 * subtree at {@code path} of {@code root}, in curly form, {@code | display set} or
 * {@code | display json}.
 */
public record ConfigView(@JsonIgnore ConfigNode root, @JsonIgnore List<Step> path, @JsonIgnore ConfigNode node,
                         @JsonIgnore boolean secrets) implements OpResult {
    @Override
    public String text() {
        if (node == null) {
            return "";
        }
        if (!node.def().hasChildren()) {
            StringBuilder sb = new StringBuilder();
            ConfigPrinter.statement(node, "", sb, secrets);
            return sb.toString();
        }
        return ConfigPrinter.curly(node, secrets);
    }

    /** The root with only the path to the shown subtree, for JSON and set forms. */
    private ConfigNode restricted() {
        if (path.isEmpty()) {
            return root;
        }
        ConfigNode n = node;
        for (int i = path.size() - 1; i >= 0; i--) {
            ConfigNode parent = i == 0 ? ConfigNode.emptyRoot(root.def()) : net.archway.cli.config.ConfigTrees.get(root,
                    path.subList(0, i));
            n = emptied(parent).with(n);
        }
        return n;
    }

    private static ConfigNode emptied(ConfigNode n) {
        ConfigNode out = n;
        for (ConfigNode c : n.children()) {
            out = out.without(c.id());
        }
        return out;
    }

    @Override
    public Object json() {
        if (node == null) {
            return ConfigJson.MAPPER.createObjectNode().putObject("configuration");
        }
        var top = ConfigJson.MAPPER.createObjectNode();
        top.set("configuration", ConfigJson.toJson(restricted(), secrets));
        return top;
    }

    @Override
    public String setForm() {
        return node == null ? "" : ConfigPrinter.setLines(restricted(), List.of(), secrets);
    }
}
