package net.archway.appliance.schema;

import static net.archway.cli.schema.Statement.container;
import static net.archway.cli.schema.Statement.flag;
import static net.archway.cli.schema.Statement.key;
import static net.archway.cli.schema.Statement.leaf;
import static net.archway.cli.schema.Statement.list;

import java.util.ArrayList;
import java.util.List;

import net.archway.cli.schema.Statement;
import net.archway.cli.schema.ValueType;
import net.archway.cli.ssh.LoginSchema;

/** {@code system}: host name, logins (from cli-shell), SSH, syslog, NTP, name servers. */
public final class SystemSchema {
    private SystemSchema() {
    }

    static final String[] FACILITIES = {"any", "All facilities", "authorization", "Authorization system",
            "change-log", "Configuration change log", "daemon", "Various system processes", "interactive-commands",
            "Commands executed by the UI", "kernel", "Kernel", "user", "User processes"};

    private static List<Statement> facilities() {
        List<Statement> out = new ArrayList<>();
        for (int i = 0; i < FACILITIES.length; i += 2) {
            out.add(leaf(FACILITIES[i], FACILITIES[i + 1], Types.SEVERITY));
        }
        return out;
    }

    public static Statement build() {
        return container("system", "System parameters",
                leaf("host-name", "Hostname for this router", ValueType.pattern("<host-name>",
                        "host name (letters, digits, -; at most 63 characters)", "[A-Za-z0-9][A-Za-z0-9-]{0,62}")),
                leaf("domain-name", "Domain name for this router", ValueType.pattern("<domain-name>", "domain name",
                        "[A-Za-z0-9.-]{1,253}")),
                leaf("time-zone", "Time zone name", ValueType.pattern("<time-zone>", "time zone (UTC, Europe/Paris)",
                        "[A-Za-z0-9_+/-]{1,64}")),
                list("name-server", "DNS name servers", key("name", ValueType.ipAddress())),
                LoginSchema.login(),
                LoginSchema.rootAuthentication(),
                container("services", "System services",
                        container("ssh", "Allow ssh access",
                                leaf("port", "Port number to accept incoming connections",
                                        ValueType.integer("<port>", 1, 65535)),
                                leaf("connection-limit", "Maximum number of allowed connections",
                                        ValueType.integer("<limit>", 1, 250)),
                                leaf("rate-limit", "Maximum number of connections per minute",
                                        ValueType.integer("<limit>", 1, 250)))),
                container("syslog", "System logging facility",
                        list("host", "Host to be notified", key("name", ValueType.ipAddress()))
                                .add(facilities())
                                .add(leaf("port", "Port number", ValueType.integer("<port>", 1, 65535)),
                                        leaf("source-address", "Use specified address as source address",
                                                ValueType.ipAddress())),
                        list("file", "File in which to log data", key("name", ValueType.identifier("<filename>")))
                                .add(facilities())),
                container("ntp", "Network Time Protocol services",
                        leaf("boot-server", "Server to query during boot sequence", ValueType.ipAddress()),
                        leaf("source-address", "Use specified address as source address", ValueType.ipAddress()),
                        list("server", "NTP server to peer with", key("name", ValueType.ipAddress()),
                                flag("prefer", "Prefer this peer"),
                                leaf("version", "NTP version to use", ValueType.integer("<version>", 1, 4)))));
    }
}
