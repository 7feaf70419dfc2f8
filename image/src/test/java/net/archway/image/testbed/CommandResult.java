package net.archway.image.testbed;

/** What a shell script run in a VM printed (stdout and stderr together) and its exit status. */
public record CommandResult(int exit, String output) {
    public boolean ok() {
        return exit == 0;
    }
}
