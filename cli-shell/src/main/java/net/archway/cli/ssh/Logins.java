package net.archway.cli.ssh;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.List;

import org.apache.commons.codec.digest.Sha2Crypt;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

import net.archway.cli.config.ConfigNode;
import net.archway.cli.config.ConfigTrees;
import net.archway.cli.op.LoginClass;

/**
 * Authentication against the active configuration's {@code system login}: SHA-512 crypt
 * passwords and authorized public keys (ssh-ed25519, ssh-rsa, ecdsa).
 */
public final class Logins {
    private static final System.Logger LOG = System.getLogger(Logins.class.getName());

    /** How to add the first user, said whenever a login is refused because there is none. */
    public static final String NO_USERS = "no user is configured under [edit system login], so every SSH login is "
            + "refused. Add the first one to the configuration file of the first start (archway run --config FILE, with "
            + "the state directory emptied): set system login user NAME class super-user authentication ssh-ed25519 "
            + "\"ssh-ed25519 AAAA... you@host\"; on the firmware, see /etc/archway/README on the serial console";

    private Logins() {
    }

    static ConfigNode user(ConfigNode active, String name) {
        ConfigNode effective = ConfigTrees.effective(active);
        ConfigNode system = effective.child("system");
        ConfigNode login = system == null ? null : system.child("login");
        return login == null ? null : login.child("user", List.of(name));
    }

    public static boolean anyUser(ConfigNode active) {
        ConfigNode effective = ConfigTrees.effective(active);
        ConfigNode system = effective.child("system");
        ConfigNode login = system == null ? null : system.child("login");
        return login != null && !login.entries("user").isEmpty();
    }

    /** The login class of a configured user, or null when the user does not exist. */
    public static LoginClass loginClass(ConfigNode active, String name) {
        ConfigNode u = user(active, name);
        return u == null ? null : LoginClass.of(u.leaf("class"));
    }

    public static boolean password(ConfigNode active, String name, String password) {
        ConfigNode u = user(active, name);
        if (u == null) {
            refused(active, name, "password");
            return false;
        }
        ConfigNode auth = u.child("authentication");
        String hash = auth == null ? null : auth.leaf("encrypted-password");
        if (hash == null) {
            return false;
        }
        try {
            String computed = Sha2Crypt.sha512Crypt(password.getBytes(StandardCharsets.UTF_8), hash);
            return MessageDigest.isEqual(computed.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static boolean publicKey(ConfigNode active, String name, PublicKey offered) {
        ConfigNode u = user(active, name);
        if (u == null) {
            refused(active, name, "public key");
            return false;
        }
        ConfigNode auth = u.child("authentication");
        if (auth == null) {
            return false;
        }
        for (String kind : List.of("ssh-ed25519", "ssh-rsa", "ssh-ecdsa")) {
            for (ConfigNode k : auth.entries(kind)) {
                try {
                    AuthorizedKeyEntry entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(k.keys().get(0));
                    if (entry == null) {
                        continue;
                    }
                    PublicKey key = entry.resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
                    if (key != null && KeyUtils.compareKeys(key, offered)) {
                        return true;
                    }
                } catch (Exception e) {
                    LOG.log(System.Logger.Level.WARNING, "unusable {0} key of user {1}: {2}", kind, name, e.getMessage());
                }
            }
        }
        return false;
    }

    private static void refused(ConfigNode active, String name, String how) {
        if (!anyUser(active)) {
            LOG.log(System.Logger.Level.WARNING, "SSH login of ''{0}'' ({1}) refused: {2}", name, how, NO_USERS);
        }
    }
}
