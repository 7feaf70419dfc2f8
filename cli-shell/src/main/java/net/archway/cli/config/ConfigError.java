package net.archway.cli.config;

import java.util.List;

/** A problem in a configuration, with the place it is at: {@code [edit protocols bgp group cloud] 'peer-as' is missing}. */
public record ConfigError(List<Step> path, String message) {
    public ConfigError {
        path = List.copyOf(path);
    }

    @Override
    public String toString() {
        return Step.editBanner(path) + " " + message;
    }
}
