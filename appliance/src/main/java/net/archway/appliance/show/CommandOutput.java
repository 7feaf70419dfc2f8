package net.archway.appliance.show;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import net.archway.cli.op.OpException;
import net.archway.cli.op.OpResult;

/**
 * The output of a program run for an operational command ({@code ping}, {@code traceroute}),
 * inside the appliance's network namespace.
 */
public record CommandOutput(List<String> command, int exitStatus, String output) implements OpResult {

    @Override
    public String text() {
        return output;
    }

    /** Runs {@code command} in {@code namespace} (null: the daemon's own), at most {@code timeoutSeconds}. */
    public static CommandOutput run(String namespace, List<String> command, int timeoutSeconds) throws OpException {
        List<String> full = new ArrayList<>();
        if (namespace != null) {
            full.addAll(List.of("ip", "netns", "exec", namespace));
        }
        full.addAll(command);
        try {
            Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new OpException(command.get(0) + " did not finish within " + timeoutSeconds + " seconds");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new CommandOutput(command, p.exitValue(), out);
        } catch (IOException e) {
            throw new OpException(command.get(0) + " could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpException(command.get(0) + " was interrupted");
        }
    }
}
