package net.archway.appliance.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import net.archway.appliance.interfaces.InterfaceSettings;
import net.archway.cli.config.ConfigNode;
import net.archway.cli.config.Step;
import net.archway.cli.schema.InvalidValueException;
import net.archway.cli.schema.Secrets;
import net.archway.routing.Prefix;
import net.archway.routing.bgp.message.Family;
import net.archway.routing.bgp.session.GracefulRestartSettings;
import net.archway.routing.bgp.session.PeerSettings;
import net.archway.routing.bgp.session.TcpMd5Key;
import net.archway.routing.bgp.speaker.NeighborSettings;
import net.archway.routing.bgp.speaker.SpeakerSettings;

/**
 * {@code protocols bgp} into the speaker's settings. A neighbour takes each statement from
 * itself, else its group, else {@code protocols bgp} (Junos: the most specific level wins; policy
 * chains are not concatenated). Pure: the daemon says whether this start is a restart with
 * forwarding state kept.
 */
public final class BgpConfig {
    /** Junos' default hold time. */
    public static final Duration DEFAULT_HOLD_TIME = Duration.ofSeconds(90);
    /** The TTL of an eBGP multihop session without {@code ttl}. */
    public static final int DEFAULT_MULTIHOP_TTL = 64;
    /** Default graceful restart time. */
    public static final int DEFAULT_RESTART_TIME = 120;

    private BgpConfig() {
    }

    /** A neighbour's BFD session ({@code bfd-liveness-detection} under it or its group). */
    public record NeighborBfd(InetAddress neighbor, InetAddress localAddress, boolean multihop, Duration minimumInterval,
                              int multiplier) {
    }

    /**
     * The speaker's settings, the BFD sessions guarding neighbours, and whether any neighbour
     * runs graceful restart (the daemon then keeps its routes in the kernel across a restart).
     */
    public record Bgp(SpeakerSettings speaker, List<NeighborBfd> bfd, boolean gracefulRestart) {
        public static final Bgp NONE = new Bgp(SpeakerSettings.NONE, List.of(), false);
    }

    /**
     * @param restarting this start found Archway's routes from an earlier run in the kernel: advertise
     *        graceful restart's Restart State bit, with forwarding preserved for the families
     */
    public static Bgp bgp(ConfigNode root, InterfaceSettings interfaces, boolean restarting) {
        ConfigNode protocols = root.child("protocols");
        ConfigNode bgp = protocols == null ? null : protocols.child("bgp");
        if (bgp == null || bgp.entries("group").isEmpty()) {
            return Bgp.NONE;
        }
        ConfigNode ro = root.child("routing-options");
        String asText = ro == null ? null : ro.leaf("autonomous-system");
        if (asText == null) {
            throw new MappingException(ArchwayConfig.path(protocols, bgp),
                    "'routing-options autonomous-system' is missing: BGP needs the local AS");
        }
        long localAs = Long.parseLong(asText);
        int routerId = routerId(ro, interfaces, ArchwayConfig.path(protocols, bgp));
        ConfigNode noPolicy = at(bgp, "defaults", "ebgp", "no-policy");
        boolean importRequires = noPolicy == null || !"accept".equals(noPolicy.leaf("receive"));
        boolean exportRequires = noPolicy == null || !"accept".equals(noPolicy.leaf("advertise"));

        List<NeighborSettings> neighbors = new ArrayList<>();
        List<NeighborBfd> bfd = new ArrayList<>();
        Map<InetAddress, List<Step>> seen = new LinkedHashMap<>();
        Integer cluster = null;
        boolean anyGr = false;
        for (ConfigNode g : bgp.entries("group")) {
            List<Step> gAt = ArchwayConfig.path(protocols, bgp, g);
            boolean internal = "internal".equals(g.leaf("type"));
            if (g.leaf("type") == null) {
                throw new MappingException(gAt, "'type' is missing: set type internal or external");
            }
            if (g.leaf("cluster") != null) {
                if (!internal) {
                    throw new MappingException(gAt, "cluster: route reflection is for internal groups");
                }
                int id = ipv4AsInt(Prefix.parseAddress(g.leaf("cluster"), g.leaf("cluster")));
                if (cluster != null && cluster != id) {
                    throw new MappingException(gAt, "cluster " + g.leaf("cluster")
                            + ": Archway reflects with one cluster ID; another group has a different one");
                }
                cluster = id;
            }
            for (ConfigNode n : g.entries("neighbor")) {
                List<Step> at = ArchwayConfig.path(protocols, bgp, g, n);
                InetAddress address = Prefix.parseAddress(n.keys().get(0), n.keys().get(0));
                if (seen.put(address, at) != null) {
                    throw new MappingException(at, "neighbor " + n.keys().get(0) + " is configured in two groups");
                }
                ConfigNode[] levels = {n, g, bgp};
                long peerAs;
                String peerAsText = leaf("peer-as", n, g);
                long presented = leaf("local-as", n, g) == null ? localAs : Long.parseLong(leaf("local-as", n, g));
                if (internal) {
                    peerAs = peerAsText == null ? presented : Long.parseLong(peerAsText);
                    if (peerAs != presented) {
                        throw new MappingException(at, "peer-as " + peerAs + " in an internal group must be the local AS "
                                + presented);
                    }
                } else {
                    if (peerAsText == null) {
                        throw new MappingException(at, "'peer-as' is missing");
                    }
                    peerAs = Long.parseLong(peerAsText);
                    if (peerAs == presented) {
                        throw new MappingException(at, "peer-as " + peerAs + " is our own AS: use a group of type internal");
                    }
                }
                PeerSettings peer = peerSettings(address, peerAs, localAs, presented, routerId, levels, at, restarting);
                anyGr |= peer.gracefulRestart() != null;
                ConfigNode mp = first("multipath", n, g);
                neighbors.add(new NeighborSettings(peer, g.keys().get(0), values("import", levels), values("export", levels),
                        leaf("local-preference", levels) == null ? null : Long.valueOf(leaf("local-preference", levels)),
                        mp != null, mp != null && mp.child("multiple-as") != null, prefixLimits(n, g, at),
                        internal && g.leaf("cluster") != null, staleRoutesTime(levels)));
                ConfigNode b = first("bfd-liveness-detection", n, g);
                if (b != null) {
                    int interval = b.leaf("minimum-interval") == null ? 300 : Integer.parseInt(b.leaf("minimum-interval"));
                    int multiplier = b.leaf("multiplier") == null ? 3 : Integer.parseInt(b.leaf("multiplier"));
                    boolean multihop = internal || first("multihop", n, g) != null;
                    InetAddress local = b.leaf("local-address") != null ? Prefix.parseAddress(b.leaf("local-address"), "")
                            : peer.localAddress();
                    if (multihop && local == null) {
                        throw new MappingException(at, "bfd-liveness-detection on a multihop session needs local-address");
                    }
                    bfd.add(new NeighborBfd(address, local, multihop, Duration.ofMillis(interval), multiplier));
                }
            }
        }
        return new Bgp(new SpeakerSettings(localAs, routerId, cluster == null ? 0 : cluster, importRequires, exportRequires,
                neighbors), bfd, anyGr);
    }

    private static PeerSettings peerSettings(InetAddress address, long peerAs, long localAs, long presented, int routerId,
                                             ConfigNode[] levels, List<Step> at, boolean restarting) {
        ConfigNode n = levels[0];
        ConfigNode g = levels[1];
        try {
            PeerSettings.Builder b = PeerSettings.builder(address, peerAs, localAs, routerId)
                    .connectRetryTime(Duration.ofSeconds(10)).idleHoldTime(Duration.ofSeconds(5));
            if (presented != localAs) {
                b.localAsOverride(presented);
            }
            String local = leaf("local-address", n, g);
            if (local != null) {
                b.localAddress(Prefix.parseAddress(local, local));
            }
            String hold = leaf("hold-time", levels);
            b.holdTime(hold == null ? DEFAULT_HOLD_TIME : Duration.ofSeconds(Long.parseLong(hold)));
            String key = leaf("authentication-key", n, g);
            if (key != null) {
                try {
                    b.md5Key(TcpMd5Key.of(Secrets.decode(key)));
                } catch (InvalidValueException e) {
                    throw new MappingException(at, "authentication-key: " + e.getMessage());
                }
            }
            ConfigNode multihop = first("multihop", n, g);
            if (multihop != null) {
                b.ttl(multihop.leaf("ttl") == null ? DEFAULT_MULTIHOP_TTL : Integer.parseInt(multihop.leaf("ttl")));
            }
            String gtsm = leaf("ttl-security", n, g);
            if (gtsm != null) {
                if (multihop != null) {
                    throw new MappingException(at, "ttl-security and multihop exclude each other (GTSM sends with TTL 255)");
                }
                b.gtsmHops(Integer.parseInt(gtsm));
            }
            b.passive(first("passive", n, g) != null);
            Set<Family> families = families(n, g, address);
            b.families(families);
            b.description(leaf("description", n, g));
            ConfigNode gr = first("graceful-restart", levels);
            if (gr != null && gr.child("disable") == null) {
                int time = gr.leaf("restart-time") == null ? DEFAULT_RESTART_TIME : Integer.parseInt(gr.leaf("restart-time"));
                b.gracefulRestart(new GracefulRestartSettings(Duration.ofSeconds(time), restarting, false,
                        restarting ? families : Set.of()));
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new MappingException(at, e.getMessage());
        }
    }

    /** {@code family inet|inet6 unicast} of the neighbour, else its group; without either, the neighbour address's family. */
    private static Set<Family> families(ConfigNode n, ConfigNode g, InetAddress address) {
        ConfigNode f = first("family", n, g);
        Set<Family> out = new LinkedHashSet<>();
        if (f != null) {
            if (at(f, "inet", "unicast") != null || (f.child("inet") != null)) {
                out.add(Family.IPV4_UNICAST);
            }
            if (at(f, "inet6", "unicast") != null || (f.child("inet6") != null)) {
                out.add(Family.IPV6_UNICAST);
            }
        }
        if (out.isEmpty()) {
            out.add(address instanceof Inet4Address ? Family.IPV4_UNICAST : Family.IPV6_UNICAST);
        }
        return out;
    }

    private static Map<Family, NeighborSettings.PrefixLimit> prefixLimits(ConfigNode n, ConfigNode g, List<Step> at) {
        ConfigNode f = first("family", n, g);
        Map<Family, NeighborSettings.PrefixLimit> out = new LinkedHashMap<>();
        if (f == null) {
            return out;
        }
        for (String name : List.of("inet", "inet6")) {
            ConfigNode pl = at(f, name, "unicast", "prefix-limit");
            if (pl == null) {
                continue;
            }
            if (pl.leaf("maximum") == null) {
                throw new MappingException(at, "family " + name + " unicast prefix-limit: 'maximum' is missing");
            }
            String idle = pl.leaf("idle-timeout");
            if (idle != null && pl.leaf("teardown") == null) {
                throw new MappingException(at, "family " + name + " unicast prefix-limit: idle-timeout needs teardown");
            }
            Duration idleTimeout = idle == null ? null : idle.equals("forever") ? null
                    : Duration.ofMinutes(Long.parseLong(idle));
            out.put(name.equals("inet") ? Family.IPV4_UNICAST : Family.IPV6_UNICAST, new NeighborSettings.PrefixLimit(
                    Long.parseLong(pl.leaf("maximum")), pl.leaf("teardown") != null, idleTimeout));
        }
        return out;
    }

    private static Duration staleRoutesTime(ConfigNode[] levels) {
        ConfigNode gr = first("graceful-restart", levels);
        String t = gr == null ? null : gr.leaf("stale-routes-time");
        return t == null ? NeighborSettings.DEFAULT_STALE_ROUTES_TIME : Duration.ofSeconds(Long.parseLong(t));
    }

    /** {@code routing-options router-id}, else lo0's IPv4 address, else the lowest configured IPv4 address. */
    static int routerId(ConfigNode ro, InterfaceSettings interfaces, List<Step> at) {
        String configured = ro == null ? null : ro.leaf("router-id");
        if (configured != null) {
            return ipv4AsInt(Prefix.parseAddress(configured, configured));
        }
        long lowest = -1;
        for (InterfaceSettings.Physical p : interfaces.interfaces()) {
            for (InterfaceSettings.Unit u : p.units()) {
                for (String a : u.inet()) {
                    long v = Integer.toUnsignedLong(ipv4AsInt(Prefix.parseAddress(a.substring(0, a.indexOf('/')), a)));
                    if (p.name().equals("lo0") && v != 0x7f000001L) {
                        return (int) v;
                    }
                    if (v != 0 && (v >>> 24) != 127 && (lowest < 0 || v < lowest)) {
                        lowest = v;
                    }
                }
            }
        }
        if (lowest < 0) {
            throw new MappingException(at, "no router ID: set routing-options router-id, or give an interface an IPv4 address");
        }
        return (int) lowest;
    }

    static int ipv4AsInt(InetAddress a) {
        if (!(a instanceof Inet4Address)) {
            throw new IllegalArgumentException(Prefix.format(a) + " is not an IPv4 address");
        }
        return ByteBuffer.wrap(a.getAddress()).getInt();
    }

    // ---- inheritance: the first level that has it ----

    private static ConfigNode at(ConfigNode n, String... names) {
        for (String name : names) {
            if (n == null) {
                return null;
            }
            n = n.child(name);
        }
        return n;
    }

    private static String leaf(String name, ConfigNode... levels) {
        for (ConfigNode l : levels) {
            if (l != null && l.leaf(name) != null) {
                return l.leaf(name);
            }
        }
        return null;
    }

    private static ConfigNode first(String name, ConfigNode... levels) {
        for (ConfigNode l : levels) {
            if (l != null && l.child(name) != null) {
                return l.child(name);
            }
        }
        return null;
    }

    private static List<String> values(String name, ConfigNode... levels) {
        ConfigNode n = first(name, levels);
        return n == null ? List.of() : n.values();
    }
}
