package net.archway.cli.op;

import java.util.List;
import java.util.Map;

/**
 * An operational-mode command registered by cli-shell or a subsystem: the words that name it
 * ({@code show route}), help, the permission it needs, the arguments it takes (for {@code ?}),
 * and the handler that returns a structured {@link OpResult}.
 *
 * @param arguments argument keywords or placeholders ({@code "table"}, {@code "<prefix>"}) with help
 */
public record OpCommand(List<String> words, String help, Permission permission, Map<String, String> arguments,
                        Handler handler) {
    public OpCommand {
        words = List.copyOf(words);
        arguments = Map.copyOf(arguments);
    }

    /** Runs the command with the words typed after its name. */
    @FunctionalInterface
    public interface Handler {
        OpResult run(OpContext context, List<String> args) throws OpException;
    }

    public static OpCommand of(String words, String help, Permission permission, Handler handler) {
        return new OpCommand(List.of(words.split(" ")), help, permission, Map.of(), handler);
    }
}
