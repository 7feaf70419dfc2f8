package net.archway.cli.config;

import java.util.List;

/**
 * A check a subsystem registers, run at every commit (and {@code commit check}) on the
 * effective candidate (inactive statements removed), after the schema's own checks.
 */
@FunctionalInterface
public interface ConfigCheck {
    void check(ConfigNode effectiveRoot, Problems problems);

    /** Where a check reports what it found. */
    interface Problems {
        void error(List<Step> path, String message);
    }
}
