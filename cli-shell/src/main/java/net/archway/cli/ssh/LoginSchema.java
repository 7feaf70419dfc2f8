package net.archway.cli.ssh;

import static net.archway.cli.schema.Statement.container;
import static net.archway.cli.schema.Statement.flag;
import static net.archway.cli.schema.Statement.key;
import static net.archway.cli.schema.Statement.leaf;
import static net.archway.cli.schema.Statement.list;

import java.util.List;

import net.archway.cli.config.ConfigCheck;
import net.archway.cli.config.ConfigNode;
import net.archway.cli.config.Step;
import net.archway.cli.schema.Statement;
import net.archway.cli.schema.ValueType;

/**
 * The {@code system login} statements the SSH server authenticates against; cli-shell owns them
 * because it reads them, and the appliance's {@code system} hierarchy includes them.
 */
public final class LoginSchema {
    private LoginSchema() {
    }

    /** {@code login { message; user NAME { uid; class; full-name; authentication {...} } }}. */
    public static Statement login() {
        ValueType sshKey = ValueType.string("<key>", "public key, as in authorized_keys (\"ssh-ed25519 AAAA... comment\")");
        return container("login", "Names, login classes and passwords for users",
                leaf("message", "System login message", ValueType.string()),
                list("user", "Username", key("name", ValueType.pattern("<user-name>",
                        "user name (lower-case letters, digits, _ . -; at most 32 characters)", "[a-z_][a-z0-9_.-]{0,31}")),
                        leaf("uid", "User identifier (uid)", ValueType.integer("<uid>", 100, 64000)),
                        leaf("class", "Login class", ValueType.enumeration(
                                "super-user", "All permissions",
                                "operator", "Operational commands: view, clear, request; no configuration",
                                "read-only", "View only")).mandatory(),
                        leaf("full-name", "Full name", ValueType.string()),
                        container("authentication", "Authentication method",
                                leaf("encrypted-password", "Encrypted password string", ValueType.passwordHash()),
                                flag("plain-text-password", "Prompt for plain text password (stored encrypted)"),
                                list("ssh-ed25519", "Secure shell (ssh) ED25519 public key string", key("name", sshKey)),
                                list("ssh-rsa", "Secure shell (ssh) RSA public key string", key("name", sshKey)),
                                list("ssh-ecdsa", "Secure shell (ssh) ECDSA public key string", key("name", sshKey)))));
    }

    /**
     * {@code root-authentication { encrypted-password; plain-text-password; }}: the password of
     * root on the firmware's serial console (Junos' statement; the SSH CLI has no root login).
     */
    public static Statement rootAuthentication() {
        return container("root-authentication", "Authentication information for the root login (serial console)",
                leaf("encrypted-password", "Encrypted password string", ValueType.passwordHash()),
                flag("plain-text-password", "Prompt for plain text password (stored encrypted)"));
    }

    /** Refuses a stored {@code plain-text-password} (it is a prompt, never configuration). */
    public static ConfigCheck check() {
        return (root, problems) -> {
            ConfigNode system = root.child("system");
            ConfigNode rootAuth = system == null ? null : system.child("root-authentication");
            if (rootAuth != null && rootAuth.child("plain-text-password") != null) {
                problems.error(List.of(new Step(system.def(), List.of()), new Step(rootAuth.def(), List.of())),
                        "'plain-text-password' is typed at the prompt; configure 'encrypted-password' instead");
            }
            ConfigNode login = system == null ? null : system.child("login");
            if (login == null) {
                return;
            }
            for (ConfigNode user : login.entries("user")) {
                ConfigNode auth = user.child("authentication");
                if (auth != null && auth.child("plain-text-password") != null) {
                    problems.error(List.of(new Step(system.def(), List.of()), new Step(login.def(), List.of()),
                            new Step(user.def(), user.keys()), new Step(auth.def(), List.of())),
                            "'plain-text-password' is typed at the prompt; configure 'encrypted-password' instead");
                }
            }
        };
    }
}
