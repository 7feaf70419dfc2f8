package net.archway.cli.shell;

import net.archway.cli.commit.CommitEngine;
import net.archway.cli.commit.ConfigDatabase;
import net.archway.cli.op.OpRegistry;
import net.archway.cli.schema.Schema;

/** What every session shares: the schema, the commit engine and candidates, the commands, the logins. */
public record CliContext(Schema schema, CommitEngine engine, ConfigDatabase database, OpRegistry commands,
                         SessionRegistry sessions, String version) {

    /** The host name of the active configuration ({@code system host-name}), or "archway". */
    public String hostName() {
        var system = engine.active().child("system");
        String h = system == null ? null : system.leaf("host-name");
        return h == null ? "archway" : h;
    }
}
