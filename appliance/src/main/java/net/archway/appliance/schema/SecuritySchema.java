package net.archway.appliance.schema;

import static net.archway.cli.schema.Statement.container;
import static net.archway.cli.schema.Statement.flag;
import static net.archway.cli.schema.Statement.key;
import static net.archway.cli.schema.Statement.leaf;
import static net.archway.cli.schema.Statement.leafList;
import static net.archway.cli.schema.Statement.list;

import java.util.List;

import net.archway.cli.config.ConfigCheck;
import net.archway.cli.config.ConfigNode;
import net.archway.cli.config.Step;
import net.archway.cli.schema.Statement;
import net.archway.cli.schema.ValueType;

/** {@code security ike} and {@code security ipsec}, route-based (bound to st0 units). */
public final class SecuritySchema {
    private SecuritySchema() {
    }

    private static final ValueType DH = ValueType.enumeration("group2", "Diffie-Hellman group 2 (1024-bit MODP)",
            "group14", "Diffie-Hellman group 14 (2048-bit MODP)", "group15", "Diffie-Hellman group 15",
            "group16", "Diffie-Hellman group 16", "group19", "Diffie-Hellman group 19 (256-bit ECP)",
            "group20", "Diffie-Hellman group 20 (384-bit ECP)", "group21", "Diffie-Hellman group 21 (521-bit ECP)");

    private static final ValueType ENCRYPTION = ValueType.enumeration("aes-128-cbc", "AES-CBC 128-bit",
            "aes-192-cbc", "AES-CBC 192-bit", "aes-256-cbc", "AES-CBC 256-bit", "aes-128-gcm", "AES-GCM 128-bit",
            "aes-256-gcm", "AES-GCM 256-bit");

    private static final ValueType LIFETIME = ValueType.integer("<seconds>", 180, 86400);

    private static Statement identity(String name, String help) {
        return container(name, help,
                leaf("inet", "IPv4 address", ValueType.ipv4Address()),
                leaf("inet6", "IPv6 address", ValueType.ipv6Address()),
                leaf("hostname", "Fully-qualified domain name", ValueType.string("<hostname>", "FQDN")),
                leaf("user-at-hostname", "User at hostname", ValueType.string("<user@host>", "e-mail address")))
                .oneLine();
    }

    private static Statement ike() {
        return container("ike", "Define IKE configuration",
                list("proposal", "Define an IKE proposal", key("name", Types.NAME),
                        leaf("description", "Text description of IKE proposal", ValueType.string()),
                        leaf("authentication-method", "Define authentication method", ValueType.enumeration(
                                "pre-shared-keys", "Preshared keys", "rsa-signatures", "RSA signatures",
                                "ecdsa-signatures-256", "ECDSA signature (256 bit modulus)")),
                        leaf("dh-group", "Define Diffie-Hellman group", DH),
                        leaf("authentication-algorithm", "Define authentication algorithm", ValueType.enumeration(
                                "sha1", "SHA1 algorithm", "sha-256", "SHA 256-bit algorithm", "sha-384",
                                "SHA 384-bit algorithm", "sha-512", "SHA 512-bit algorithm")),
                        leaf("encryption-algorithm", "Define encryption algorithm", ENCRYPTION),
                        leaf("lifetime-seconds", "Lifetime, in seconds", LIFETIME)),
                list("policy", "Define an IKE policy", key("name", Types.NAME),
                        leaf("mode", "Define an IKE mode for Phase 1", ValueType.enumeration("main", "Main mode",
                                "aggressive", "Aggressive mode")),
                        leafList("proposals", "Name of the proposal",
                                ValueType.reference("<proposal>", "security", "ike", "proposal")),
                        container("pre-shared-key", "Define a preshared key",
                                leaf("ascii-text", "Format as text", ValueType.secret("<ascii-text>")),
                                leaf("hexadecimal", "Format as hexadecimal", ValueType.secret("<hexadecimal>")))
                                .oneLine()),
                list("gateway", "Define an IKE gateway", key("name", Types.NAME),
                        leaf("ike-policy", "Name of the IKE policy",
                                ValueType.reference("<policy>", "security", "ike", "policy")).mandatory(),
                        leafList("address", "Addresses or hostnames of peer (1 primary, up to 4 backups)",
                                ValueType.ipAddress()),
                        leaf("local-address", "Local IP address for IKE negotiations", ValueType.ipAddress()),
                        identity("local-identity", "Set the local IKE identity"),
                        identity("remote-identity", "Set the remote IKE identity"),
                        container("dead-peer-detection", "Enable dead peer detection (DPD)",
                                flag("always-send", "Send DPD messages periodically, regardless of traffic"),
                                flag("optimized", "Send probes only when there is outgoing and no incoming traffic"),
                                flag("probe-idle-tunnel", "Send probes when there is no traffic"),
                                leaf("interval", "The interval at which to send DPD messages (seconds)",
                                        ValueType.integer("<interval>", 2, 60)),
                                leaf("threshold", "Maximum number of DPD retransmissions",
                                        ValueType.integer("<threshold>", 1, 5))),
                        leaf("nat-keepalive", "Interval at which to send NAT keepalives (seconds)",
                                ValueType.integer("<interval>", 1, 300)),
                        leaf("external-interface", "External interface for IKE negotiations", Types.INTERFACE_UNIT)
                                .mandatory(),
                        leaf("version", "Negotiate using either IKE v1 or IKE v2 protocol", ValueType.enumeration(
                                "v1-only", "The connection must be initiated using IKE version 1", "v2-only",
                                "The connection must be initiated using IKE version 2"))));
    }

    private static Statement ipsec() {
        return container("ipsec", "Define IPsec configuration",
                list("proposal", "Define an IPsec proposal", key("name", Types.NAME),
                        leaf("description", "Text description of IPsec proposal", ValueType.string()),
                        leaf("protocol", "Define an IPsec protocol for the proposal", ValueType.enumeration(
                                "esp", "ESP protocol", "ah", "AH protocol")),
                        leaf("authentication-algorithm", "Define authentication algorithm", ValueType.enumeration(
                                "hmac-sha1-96", "HMAC-SHA1-96 authentication algorithm", "hmac-sha-256-128",
                                "HMAC-SHA-256-128 authentication algorithm", "hmac-sha-384", "HMAC-SHA-384",
                                "hmac-sha-512", "HMAC-SHA-512")),
                        leaf("encryption-algorithm", "Define encryption algorithm", ENCRYPTION),
                        leaf("lifetime-seconds", "Lifetime, in seconds", LIFETIME),
                        leaf("lifetime-kilobytes", "Lifetime, in kilobytes", ValueType.integer("<kilobytes>", 64,
                                4294967294L))),
                list("policy", "Define an IPsec policy", key("name", Types.NAME),
                        leaf("description", "Text description of IPsec policy", ValueType.string()),
                        container("perfect-forward-secrecy", "Define perfect forward secrecy",
                                leaf("keys", "Define Diffie-Hellman group", DH)).oneLine(),
                        leafList("proposals", "Name of the proposal",
                                ValueType.reference("<proposal>", "security", "ipsec", "proposal"))),
                list("vpn", "Define an IPsec VPN", key("name", Types.NAME),
                        leaf("bind-interface", "Bind to tunnel interface (route-based VPN)", ValueType.pattern(
                                "<interface>", "a tunnel unit st0.N", "st0\\.[0-9]{1,5}")).mandatory(),
                        leaf("df-bit", "Specifies how to handle the Don't Fragment bit", ValueType.enumeration(
                                "clear", "Clear DF bit", "copy", "Copy DF bit", "set", "Set DF bit")),
                        container("vpn-monitor", "Monitor VPN liveliness",
                                flag("optimized", "Optimize for scalability"),
                                leaf("source-interface", "Source interface for monitor message", Types.INTERFACE_UNIT),
                                leaf("destination-ip", "IP destination for monitor message", ValueType.ipAddress())),
                        container("ike", "IKE-keyed IPsec vpn",
                                leaf("gateway", "Name of remote gateway",
                                        ValueType.reference("<gateway>", "security", "ike", "gateway")).mandatory(),
                                leaf("ipsec-policy", "Name of the IPsec policy",
                                        ValueType.reference("<policy>", "security", "ipsec", "policy")).mandatory(),
                                container("proxy-identity", "IPSec proxy-id to use in IKE negotiations",
                                        leaf("local", "Local IP address/prefix length", ValueType.ipPrefix()),
                                        leaf("remote", "Remote IP address/prefix length", ValueType.ipPrefix()))),
                        leaf("establish-tunnels", "Define the criteria to establish tunnels", ValueType.enumeration(
                                "immediately", "Establish tunnels immediately", "on-traffic",
                                "Establish tunnels on traffic"))));
    }

    public static Statement build() {
        return container("security", "Security configuration", ike(), ipsec());
    }

    /**
     * A VPN's {@code bind-interface} and a gateway's {@code external-interface} must be units
     * configured under {@code interfaces}; two VPNs cannot share a tunnel unit.
     */
    public static ConfigCheck check() {
        return (root, problems) -> {
            ConfigNode security = root.child("security");
            if (security == null) {
                return;
            }
            ConfigNode ipsec = security.child("ipsec");
            java.util.Map<String, String> bound = new java.util.HashMap<>();
            if (ipsec != null) {
                for (ConfigNode vpn : ipsec.entries("vpn")) {
                    String unit = vpn.leaf("bind-interface");
                    if (unit == null) {
                        continue;
                    }
                    List<Step> path = List.of(new Step(security.def(), List.of()), new Step(ipsec.def(), List.of()),
                            new Step(vpn.def(), vpn.keys()));
                    if (!unitExists(root, unit)) {
                        problems.error(path, "'bind-interface': interface " + unit + " is not configured: set "
                                + "interfaces " + unit.replace(".", " unit ") + " family inet");
                    }
                    String other = bound.put(unit, vpn.keys().get(0));
                    if (other != null) {
                        problems.error(path, "'bind-interface': " + unit + " is already bound to vpn " + other);
                    }
                }
            }
            ConfigNode ike = security.child("ike");
            if (ike != null) {
                for (ConfigNode gw : ike.entries("gateway")) {
                    String ext = gw.leaf("external-interface");
                    if (ext != null && !unitExists(root, ext)) {
                        problems.error(List.of(new Step(security.def(), List.of()), new Step(ike.def(), List.of()),
                                new Step(gw.def(), gw.keys())), "'external-interface': interface " + ext
                                + " is not configured");
                    }
                }
            }
        };
    }

    static boolean unitExists(ConfigNode root, String unit) {
        int dot = unit.lastIndexOf('.');
        ConfigNode interfaces = root.child("interfaces");
        ConfigNode ifd = interfaces == null ? null : interfaces.child("interface", List.of(unit.substring(0, dot)));
        return ifd != null && ifd.child("unit", List.of(unit.substring(dot + 1))) != null;
    }
}
