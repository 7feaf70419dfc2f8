package net.archway.appliance.config;

import java.util.List;

import net.archway.cli.config.Step;

/** The configuration cannot be turned into settings; {@code path} says where, the message why. */
public final class MappingException extends RuntimeException {
    private final List<Step> path;

    public MappingException(List<Step> path, String message) {
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
