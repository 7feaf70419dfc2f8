package net.archway.cli.commit;

/**
 * Named points of a commit, for fault injection: a test kills the process when one is reached
 * and checks that the configuration survives whole. Points: {@code validated}, {@code staged},
 * {@code applied}, {@code temp-half-written}, {@code temp-synced}, {@code renamed},
 * {@code directory-synced}, {@code complete}.
 */
@FunctionalInterface
public interface CommitProbe {
    CommitProbe NONE = point -> {
    };

    void reached(String point);
}
