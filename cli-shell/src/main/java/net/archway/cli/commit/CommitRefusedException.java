package net.archway.cli.commit;

import java.util.List;

import net.archway.cli.config.Step;

/** A subsystem's refusal to stage a configuration; the message says why and the path where. */
public final class CommitRefusedException extends Exception {
    private final List<Step> path;

    public CommitRefusedException(List<Step> path, String message) {
        super(message);
        this.path = List.copyOf(path);
    }

    public List<Step> path() {
        return path;
    }

    @Override
    public String toString() {
        return Step.editBanner(path) + " " + getMessage();
    }
}
