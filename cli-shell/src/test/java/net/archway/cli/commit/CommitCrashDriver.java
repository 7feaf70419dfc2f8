package net.archway.cli.commit;

import java.io.ByteArrayOutputStream;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import net.archway.cli.ManagementPlane;
import net.archway.cli.TestSchema;

/**
 * Run in a child JVM by {@link CommitCrashIT}: commits {@code args[2]} (a file, load override)
 * onto the state directory {@code args[0]}, announcing {@code REACHED point} and stopping dead at
 * the point {@code args[1]} until it is killed with SIGKILL.
 */
public final class CommitCrashDriver {
    private CommitCrashDriver() {
    }

    public static void main(String[] args) throws Exception {
        Path state = Path.of(args[0]);
        String point = args[1];
        CommitProbe probe = p -> {
            if (p.equals(point)) {
                System.out.println("REACHED " + p);
                System.out.flush();
                while (true) {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        // keep waiting for the kill
                    }
                }
            }
        };
        ManagementPlane plane = ManagementPlane.builder(TestSchema.build()).stateDirectory(state).probe(probe)
                .ssh("127.0.0.1", -1).build();
        plane.start();
        String script = "configure\nload override " + args[2] + "\ncommit\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = plane.console(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), out);
        System.out.println("FINISHED " + status + " " + out.toString(StandardCharsets.UTF_8).replace('\n', '|'));
        System.exit(status);
    }
}
