package net.archway.cli.op;

import net.archway.cli.config.ConfigNode;

/** What a command handler may know of the session that runs it. */
public interface OpContext {
    String user();

    LoginClass loginClass();

    /** The active configuration (with inactive statements). */
    ConfigNode activeConfiguration();
}
