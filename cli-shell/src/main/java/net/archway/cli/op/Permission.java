package net.archway.cli.op;

/** What a command needs from the user's login class. */
public enum Permission {
    /** Show commands. */
    VIEW,
    /** Operational actions that change no configuration (clear, request). */
    CONTROL,
    /** Configuration mode. */
    CONFIGURE,
    /** Seeing secrets in the configuration. */
    SECRET
}
