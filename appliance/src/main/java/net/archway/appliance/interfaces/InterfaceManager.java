package net.archway.appliance.interfaces;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import net.archway.netlink.IpAddresses;
import net.archway.netlink.NetlinkException;
import net.archway.netlink.NetlinkKernelException;
import net.archway.netlink.NetlinkSubscription;
import net.archway.netlink.route.InterfaceAddress;
import net.archway.netlink.route.Link;
import net.archway.netlink.route.LinkKind;
import net.archway.netlink.route.LinkSpec;
import net.archway.netlink.route.RouteScope;
import net.archway.netlink.route.Rtnetlink;
import net.archway.netlink.route.RtnetlinkEvent;
import net.archway.routing.rib.InterfaceState;
import net.archway.routing.rib.Rib;

/**
 * Owns the configured interfaces: brings them up or down, sets MTU, description and addresses,
 * creates 802.1Q sub-interfaces, and undoes all of it when a step fails. Watches the kernel's
 * links and addresses and tells the RIB, for every interface, whether it can carry traffic
 * (administratively up with carrier, Junos' rule, whatever routes the kernel keeps) and which
 * addresses it has. A configured interface missing from the kernel is reported and converged
 * when it appears.
 */
public final class InterfaceManager implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(InterfaceManager.class.getName());

    private final Rtnetlink rtnl;
    private final Rib rib;
    private InterfaceSettings settings = InterfaceSettings.NONE;
    private final Map<String, Link> links = new HashMap<>();
    private final Map<Integer, List<InterfaceAddress>> addresses = new HashMap<>();
    private final Map<String, InterfaceState> published = new HashMap<>();
    private NetlinkSubscription subscription;

    /** One undoable change to the kernel. */
    private record Step(String path, String what, Runnable run, Runnable undo) {
    }

    public InterfaceManager(Rtnetlink rtnl, Rib rib) {
        this.rtnl = Objects.requireNonNull(rtnl);
        this.rib = Objects.requireNonNull(rib);
    }

    /** Reads the kernel's links and addresses, subscribes to their changes, and tells the RIB. */
    public synchronized void start() {
        subscription = rtnl.subscribe(EnumSet.of(RtnetlinkEvent.Group.LINK, RtnetlinkEvent.Group.IPV4_ADDRESS,
                RtnetlinkEvent.Group.IPV6_ADDRESS), this::onEvent, this::resync);
        resync();
    }

    private synchronized void resync() {
        links.clear();
        addresses.clear();
        for (Link l : rtnl.links().list()) {
            links.put(l.name(), l);
        }
        for (InterfaceAddress a : rtnl.addresses().list()) {
            addresses.computeIfAbsent(a.index(), i -> new ArrayList<>()).add(a);
        }
        for (String name : new ArrayList<>(published.keySet())) {
            if (!links.containsKey(name)) {
                published.remove(name);
                rib.interfaceRemoved(name);
            }
        }
        links.values().forEach(this::publish);
    }

    private synchronized void onEvent(RtnetlinkEvent e) {
        if (e instanceof RtnetlinkEvent.LinkChanged lc) {
            Link l = lc.link();
            if (lc.removed()) {
                links.remove(l.name());
                addresses.remove(l.index());
                if (published.remove(l.name()) != null) {
                    rib.interfaceRemoved(l.name());
                }
                return;
            }
            Link before = links.put(l.name(), l);
            if (before != null && before.index() != l.index()) {
                addresses.remove(before.index());
            }
            publish(l);
            if (before == null) {
                convergeAppeared(l.name());
            }
        } else if (e instanceof RtnetlinkEvent.AddressChanged ac) {
            List<InterfaceAddress> list = addresses.computeIfAbsent(ac.address().index(), i -> new ArrayList<>());
            list.removeIf(a -> a.address().equals(ac.address().address()) && a.prefixLength() == ac.address().prefixLength());
            if (!ac.removed()) {
                list.add(ac.address());
            }
            for (Link l : links.values()) {
                if (l.index() == ac.address().index()) {
                    publish(l);
                }
            }
        }
    }

    /** A configured interface (or the parent of configured units) just appeared: converge it. */
    private void convergeAppeared(String kernelName) {
        for (InterfaceSettings.Physical p : settings.interfaces()) {
            if (p.kernelName().equals(kernelName)) {
                LOG.log(System.Logger.Level.INFO, "interface " + p.name() + " appeared; applying its configuration");
                try {
                    execute(planFor(p, null));
                } catch (InterfaceApplyException ex) {
                    LOG.log(System.Logger.Level.WARNING, "could not configure " + p.name() + " when it appeared: "
                            + ex.getMessage());
                }
            }
        }
    }

    /** Tells the RIB how {@code l} stands, when that changed. */
    private void publish(Link l) {
        List<InterfaceState.Address> addrs = new ArrayList<>();
        for (InterfaceAddress a : addresses.getOrDefault(l.index(), List.of())) {
            if (a.scope().equals(RouteScope.UNIVERSE) && !a.isTentative()) {
                addrs.add(new InterfaceState.Address(a.address(), a.prefixLength()));
            }
        }
        InterfaceState s = new InterfaceState(l.name(), l.isUp() && l.isLowerUp(), addrs);
        if (!s.equals(published.get(l.name()))) {
            published.put(l.name(), s);
            rib.interfaceChanged(s);
        }
    }

    /** The kernel index of an interface, or 0 when it does not exist. */
    public synchronized int ifindex(String name) {
        Link l = links.get(name);
        return l == null ? 0 : l.index();
    }

    // ---------------------------------------------------------------- applying a configuration

    /**
     * Checks {@code wanted} against this kernel without changing anything: parents of VLAN units
     * must be configured with vlan-tagging, and the kernel must be able to make VLAN links.
     * Returns the problems, each with its {@code [edit ...]} path; empty when it can be applied.
     */
    public synchronized List<String> check(InterfaceSettings wanted) {
        List<String> problems = new ArrayList<>();
        for (InterfaceSettings.Physical p : wanted.interfaces()) {
            for (InterfaceSettings.Unit u : p.units()) {
                String path = "[edit interfaces " + p.name() + " unit " + u.number() + "]";
                if (p.tunnel()) {
                    if (u.vlanId() != null) {
                        problems.add(path + " 'vlan-id' does not apply to a tunnel interface");
                    }
                } else if (u.vlanId() != null && !p.vlanTagging()) {
                    problems.add(path + " 'vlan-id' needs 'vlan-tagging' on " + p.name());
                }
                if (!p.tunnel() && u.vlanId() == null && u.number() != 0) {
                    problems.add(path + " only unit 0 may be without 'vlan-id'");
                }
                if (u.dhcp() && (p.tunnel() || p.kernelName().equals("lo"))) {
                    problems.add("[edit interfaces " + p.name() + " unit " + u.number() + " family inet] 'dhcp' is not"
                            + " supported on " + p.name());
                } else if (u.dhcp() && !u.inet().isEmpty()) {
                    problems.add("[edit interfaces " + p.name() + " unit " + u.number() + " family inet] 'dhcp' and"
                            + " 'address' are mutually exclusive");
                }
                for (String a : u.inet()) {
                    checkAddress(problems, path + " family inet", a, true);
                }
                for (String a : u.inet6()) {
                    checkAddress(problems, path + " family inet6", a, false);
                }
            }
        }
        return problems;
    }

    private static void checkAddress(List<String> problems, String path, String text, boolean v4) {
        try {
            InterfaceAddress a = InterfaceAddress.parse(0, text);
            if ((IpAddresses.family(a.address()) == IpAddresses.AF_INET) != v4) {
                problems.add("[edit " + path.substring(6) + "] address " + text + " is not " + (v4 ? "IPv4" : "IPv6"));
            }
        } catch (IllegalArgumentException e) {
            problems.add(path.replace("]", "") + " address] " + e.getMessage());
        }
    }

    /**
     * Makes the kernel match {@code wanted}. All or nothing: when a step fails, every step done
     * before it is undone and the exception names the place and the kernel's reason.
     */
    public synchronized void apply(InterfaceSettings wanted) {
        List<String> problems = check(wanted);
        if (!problems.isEmpty()) {
            throw new InterfaceApplyException(problems.get(0).substring(0, problems.get(0).indexOf(']') + 1),
                    problems.get(0).substring(problems.get(0).indexOf(']') + 2), null);
        }
        List<Step> plan = new ArrayList<>();
        Map<String, InterfaceSettings.Physical> newByName = new LinkedHashMap<>();
        for (InterfaceSettings.Physical p : wanted.interfaces()) {
            newByName.put(p.name(), p);
        }
        Map<String, InterfaceSettings.Physical> oldByName = new LinkedHashMap<>();
        for (InterfaceSettings.Physical p : settings.interfaces()) {
            oldByName.put(p.name(), p);
        }
        for (InterfaceSettings.Physical old : oldByName.values()) {
            if (!newByName.containsKey(old.name())) {
                plan.addAll(planRemoval(old));
            }
        }
        for (InterfaceSettings.Physical p : newByName.values()) {
            plan.addAll(planFor(p, oldByName.get(p.name())));
        }
        execute(plan);
        settings = wanted;
    }

    public synchronized InterfaceSettings settings() {
        return settings;
    }

    private void execute(List<Step> plan) {
        Deque<Step> done = new ArrayDeque<>();
        for (Step s : plan) {
            try {
                s.run().run();
                done.push(s);
            } catch (NetlinkException e) {
                undo(done);
                String reason = e instanceof NetlinkKernelException k ? kernelReason(s, k) : e.getMessage();
                throw new InterfaceApplyException(s.path(), s.what() + ": " + reason, e);
            }
        }
        refreshFromKernel();
    }

    private static String kernelReason(Step s, NetlinkKernelException k) {
        if (s.what().startsWith("create VLAN") && k.extAckMessage().orElse("").contains("Unknown device type")) {
            return "this kernel cannot make 802.1Q VLAN interfaces (module 8021q is missing); the kernel said: "
                    + k.extAckMessage().get();
        }
        if (s.what().startsWith("create XFRM") && k.extAckMessage().orElse("").contains("Unknown device type")) {
            return "this kernel cannot make XFRM interfaces (module xfrm_interface is missing); the kernel said: "
                    + k.extAckMessage().get();
        }
        return k.extAckMessage().orElse(k.errno().description()) + " (" + k.errno() + ")";
    }

    private void undo(Deque<Step> done) {
        while (!done.isEmpty()) {
            Step s = done.pop();
            try {
                s.undo().run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "could not undo '" + s.what() + "' at " + s.path() + ": " + e.getMessage());
            }
        }
        refreshFromKernel();
    }

    /** Reads links and addresses back after changes (events follow too; this keeps lookups exact meanwhile). */
    private void refreshFromKernel() {
        links.clear();
        for (Link l : rtnl.links().list()) {
            links.put(l.name(), l);
        }
        addresses.clear();
        for (InterfaceAddress a : rtnl.addresses().list()) {
            addresses.computeIfAbsent(a.index(), i -> new ArrayList<>()).add(a);
        }
        links.values().forEach(this::publish);
    }

    static String unitKernelName(InterfaceSettings.Physical p, InterfaceSettings.Unit u) {
        return p.unitKernelName(u);
    }

    /** The steps that make physical interface {@code p} (and its units) as configured. */
    private List<Step> planFor(InterfaceSettings.Physical p, InterfaceSettings.Physical old) {
        if (p.tunnel()) {
            return planTunnel(p, old);
        }
        List<Step> steps = new ArrayList<>();
        Link link = links.get(p.kernelName());
        if (link == null) {
            LOG.log(System.Logger.Level.WARNING, p.path() + " interface " + p.kernelName()
                    + " does not exist; it will be configured when it appears");
            return steps;
        }
        String name = link.name();
        if (p.mtu() != null && p.mtu() != link.mtu()) {
            int before = link.mtu();
            steps.add(new Step(p.path(), "mtu " + p.mtu(), () -> rtnl.links().setMtu(name, p.mtu()),
                    () -> rtnl.links().setMtu(name, before)));
        }
        String alias = p.description() == null ? "" : p.description();
        String oldAlias = link.alias() == null ? "" : link.alias();
        if (!alias.equals(oldAlias)) {
            steps.add(new Step(p.path(), "description", () -> rtnl.links().setAlias(name, alias),
                    () -> rtnl.links().setAlias(name, oldAlias)));
        }
        steps.add(adminState(p.path(), name, !p.disabled(), link.isUp()));
        Set<String> wantedUnits = new HashSet<>();
        for (InterfaceSettings.Unit u : p.units()) {
            String unitName = unitKernelName(p, u);
            wantedUnits.add(unitName);
            String path = "[edit interfaces " + p.name() + " unit " + u.number() + "]";
            Link unitLink = links.get(unitName);
            if (u.vlanId() != null && unitLink == null) {
                LinkSpec.Vlan spec = new LinkSpec.Vlan(unitName, name, u.vlanId());
                steps.add(new Step(path, "create VLAN interface " + unitName + " (vlan-id " + u.vlanId() + ")",
                        () -> rtnl.links().create(spec), () -> rtnl.links().delete(unitName)));
            } else if (u.vlanId() != null && unitLink.kind() instanceof LinkKind.Vlan v && v.id() != u.vlanId()) {
                LinkSpec.Vlan spec = new LinkSpec.Vlan(unitName, name, u.vlanId());
                LinkSpec.Vlan was = new LinkSpec.Vlan(unitName, name, v.id());
                steps.add(new Step(path, "re-create VLAN interface " + unitName + " with vlan-id " + u.vlanId(), () -> {
                    rtnl.links().delete(unitName);
                    rtnl.links().create(spec);
                }, () -> {
                    rtnl.links().delete(unitName);
                    rtnl.links().create(was);
                }));
                unitLink = null;
            }
            if (!unitName.equals(name)) {
                steps.add(adminState(path, unitName, !u.disabled() && !p.disabled(), unitLink != null && unitLink.isUp()));
            }
            steps.addAll(planAddresses(path, unitName, unitLink, u, oldUnit(old, u.number())));
        }
        // units that left the configuration: VLAN links of this interface that are no longer wanted
        if (old != null) {
            for (InterfaceSettings.Unit u : old.units()) {
                String unitName = unitKernelName(old, u);
                if (!wantedUnits.contains(unitName)) {
                    steps.addAll(planUnitRemoval(old, u));
                }
            }
        }
        return steps;
    }

    /**
     * A secure tunnel interface: no link of its own, each unit an XFRM interface (RFC 4301's
     * route-based VPN; the kernel's xfrm_interface), created, brought up and addressed.
     */
    private List<Step> planTunnel(InterfaceSettings.Physical p, InterfaceSettings.Physical old) {
        List<Step> steps = new ArrayList<>();
        Set<String> wantedUnits = new HashSet<>();
        for (InterfaceSettings.Unit u : p.units()) {
            String unitName = p.unitKernelName(u);
            wantedUnits.add(unitName);
            String path = "[edit interfaces " + p.name() + " unit " + u.number() + "]";
            Link unitLink = links.get(unitName);
            int ifId = p.xfrmIfId(u);
            LinkSpec.Xfrm spec = new LinkSpec.Xfrm(unitName, null, ifId);
            if (unitLink == null) {
                steps.add(new Step(path, "create XFRM interface " + unitName + " (if_id " + ifId + ")",
                        () -> rtnl.links().create(spec), () -> rtnl.links().delete(unitName)));
            } else if (!(unitLink.kind() instanceof LinkKind.Xfrm x) || x.ifId() != ifId) {
                steps.add(new Step(path, "re-create XFRM interface " + unitName + " (if_id " + ifId + ")", () -> {
                    rtnl.links().delete(unitName);
                    rtnl.links().create(spec);
                }, () -> rtnl.links().delete(unitName)));
                unitLink = null;
            }
            steps.add(adminState(path, unitName, !u.disabled() && !p.disabled(), unitLink != null && unitLink.isUp()));
            steps.addAll(planAddresses(path, unitName, unitLink, u, oldUnit(old, u.number())));
        }
        if (old != null) {
            for (InterfaceSettings.Unit u : old.units()) {
                if (!wantedUnits.contains(old.unitKernelName(u))) {
                    steps.addAll(planUnitRemoval(old, u));
                }
            }
        }
        return steps;
    }

    private Step adminState(String path, String name, boolean up, boolean isUp) {
        if (up == isUp) {
            return new Step(path, "no change", () -> { }, () -> { });
        }
        return new Step(path, up ? "bring " + name + " up" : "bring " + name + " down",
                () -> setAdmin(name, up), () -> setAdmin(name, isUp));
    }

    private void setAdmin(String name, boolean up) {
        if (up) {
            rtnl.links().setUp(name);
        } else {
            rtnl.links().setDown(name);
        }
    }

    private static InterfaceSettings.Unit oldUnit(InterfaceSettings.Physical old, int number) {
        if (old != null) {
            for (InterfaceSettings.Unit u : old.units()) {
                if (u.number() == number) {
                    return u;
                }
            }
        }
        return null;
    }

    /**
     * Address steps for one unit; {@code unitLink} is null when the unit's link is created by an
     * earlier step. A {@code dhcp} unit's IPv4 addresses are its DHCP client's, except those the
     * unit had configured before ({@code old}): they go.
     */
    private List<Step> planAddresses(String path, String unitName, Link unitLink, InterfaceSettings.Unit u,
                                     InterfaceSettings.Unit old) {
        Set<String> formerlyStatic = new HashSet<>();
        if (u.dhcp() && old != null && !old.dhcp()) {
            for (String a : old.inet()) {
                formerlyStatic.add(canonical(a));
            }
        }
        List<Step> steps = new ArrayList<>();
        Map<String, Boolean> wanted = new LinkedHashMap<>();
        for (String a : u.inet()) {
            wanted.put(canonical(a), true);
        }
        for (String a : u.inet6()) {
            wanted.put(canonical(a), true);
        }
        Set<String> present = new HashSet<>();
        if (unitLink != null) {
            for (InterfaceAddress a : addresses.getOrDefault(unitLink.index(), List.of())) {
                String text = IpAddresses.format(a.address()) + "/" + a.prefixLength();
                if (u.dhcp() && a.address() instanceof Inet4Address && !formerlyStatic.contains(text)) {
                    continue; // the DHCP client's
                }
                if (!ownedByKernel(a)) {
                    present.add(text);
                }
            }
        }
        for (String a : wanted.keySet()) {
            if (!present.contains(a)) {
                steps.add(new Step(path, "add address " + a, () -> addAddress(unitName, a), () -> deleteAddress(unitName, a)));
            }
        }
        for (String a : present) {
            if (!wanted.containsKey(a)) {
                steps.add(new Step(path, "remove address " + a, () -> deleteAddress(unitName, a), () -> addAddress(unitName, a)));
            }
        }
        return steps;
    }

    /** Addresses Archway never removes: loopback's own and IPv6 link-local ones. */
    private static boolean ownedByKernel(InterfaceAddress a) {
        InetAddress x = a.address();
        return x.isLoopbackAddress() || x.isLinkLocalAddress() || !a.scope().equals(RouteScope.UNIVERSE);
    }

    private static String canonical(String text) {
        InterfaceAddress a = InterfaceAddress.parse(0, text);
        return IpAddresses.format(a.address()) + "/" + a.prefixLength();
    }

    private void addAddress(String link, String text) {
        InterfaceAddress a = InterfaceAddress.parse(rtnl.links().indexOf(link), text);
        if (!(a.address() instanceof Inet4Address)) {
            a = a.withoutDad(); // a router's configured address is usable at once
        }
        rtnl.addresses().replace(a);
    }

    private void deleteAddress(String link, String text) {
        rtnl.addresses().delete(InterfaceAddress.parse(rtnl.links().indexOf(link), text));
    }

    /**
     * Puts a DHCP lease's address ({@code 192.0.2.7/24}) on {@code link}, then removes the
     * previous lease's address when it differs; on a client's first lease ({@code previous}
     * null) the previous lease is whatever other IPv4 address the link has, an earlier run's
     * lease (a dhcp unit has no configured IPv4 address). The new address goes on first: a link
     * left without an IPv4 address loses every route through it. Failures are logged: a lease
     * cannot be refused.
     */
    public synchronized void leaseAddress(String link, String address, String previous) {
        try {
            addAddress(link, address);
            refreshFromKernel();
            String wanted = canonical(address);
            List<String> stale = new ArrayList<>();
            if (previous != null) {
                stale.add(canonical(previous));
            } else {
                Link l = links.get(link);
                for (InterfaceAddress a : l == null ? List.<InterfaceAddress>of() : addresses.getOrDefault(l.index(), List.of())) {
                    if (a.address() instanceof Inet4Address && !ownedByKernel(a)) {
                        stale.add(IpAddresses.format(a.address()) + "/" + a.prefixLength());
                    }
                }
            }
            for (String a : stale) {
                if (!a.equals(wanted)) {
                    LOG.log(System.Logger.Level.INFO, "DHCP: " + a + " on " + link + " was an earlier lease; removed");
                    deleteAddress(link, a);
                }
            }
        } catch (NetlinkException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "DHCP address " + address + " not set on " + link + ": " + e.getMessage());
        }
        refreshFromKernel();
    }

    /** Takes a DHCP lease's address off {@code link} (lease lost, or dhcp no longer configured). */
    public synchronized void releaseAddress(String link, String address) {
        try {
            deleteAddress(link, address);
        } catch (NetlinkException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.DEBUG, "DHCP address " + address + " not removed from " + link + ": " + e.getMessage());
        }
        refreshFromKernel();
    }

    private List<Step> planRemoval(InterfaceSettings.Physical old) {
        List<Step> steps = new ArrayList<>();
        for (InterfaceSettings.Unit u : old.units()) {
            steps.addAll(planUnitRemoval(old, u));
        }
        return steps;
    }

    private List<Step> planUnitRemoval(InterfaceSettings.Physical p, InterfaceSettings.Unit u) {
        List<Step> steps = new ArrayList<>();
        String unitName = unitKernelName(p, u);
        Link l = links.get(unitName);
        if (l == null) {
            return steps;
        }
        String path = "[edit interfaces " + p.name() + " unit " + u.number() + "]";
        if (p.tunnel() && l.kind() instanceof LinkKind.Xfrm x) {
            LinkSpec.Xfrm was = new LinkSpec.Xfrm(unitName, null, x.ifId());
            steps.add(new Step(path, "delete XFRM interface " + unitName, () -> rtnl.links().delete(unitName), () -> {
                rtnl.links().create(was);
                for (String a : u.inet()) {
                    addAddress(unitName, a);
                }
            }));
            return steps;
        }
        if (u.vlanId() != null && l.kind() instanceof LinkKind.Vlan v) {
            LinkSpec.Vlan was = new LinkSpec.Vlan(unitName, p.kernelName(), v.id());
            steps.add(new Step(path, "delete VLAN interface " + unitName, () -> rtnl.links().delete(unitName), () -> {
                rtnl.links().create(was);
                for (String a : u.inet()) {
                    addAddress(unitName, a);
                }
            }));
            return steps;
        }
        for (String a : u.inet()) {
            steps.add(new Step(path, "remove address " + a, () -> deleteAddress(unitName, a), () -> addAddress(unitName, a)));
        }
        for (String a : u.inet6()) {
            steps.add(new Step(path, "remove address " + a, () -> deleteAddress(unitName, a), () -> addAddress(unitName, a)));
        }
        return steps;
    }

    // ---------------------------------------------------------------- show interfaces

    /** Every kernel interface, and configured ones that are missing, in name order. */
    public synchronized List<InterfaceStatus> status() {
        Set<String> configured = new HashSet<>();
        for (InterfaceSettings.Physical p : settings.interfaces()) {
            configured.add(p.kernelName());
            for (InterfaceSettings.Unit u : p.units()) {
                configured.add(unitKernelName(p, u));
            }
        }
        List<InterfaceStatus> out = new ArrayList<>();
        for (Link l : links.values()) {
            List<String> v4 = new ArrayList<>();
            List<String> v6 = new ArrayList<>();
            for (InterfaceAddress a : addresses.getOrDefault(l.index(), List.of())) {
                String t = IpAddresses.format(a.address()) + "/" + a.prefixLength();
                (a.address() instanceof Inet4Address ? v4 : v6).add(t);
            }
            int vlan = l.kind() instanceof LinkKind.Vlan v ? v.id() : 0;
            out.add(new InterfaceStatus(l.name(), configured.contains(l.name()), true, l.isUp(), l.isUp() && l.isLowerUp(),
                    l.mtu(), l.macAddress(), l.alias(), l.kind().name(), vlan, v4, v6, l.stats()));
        }
        for (String name : configured) {
            if (!links.containsKey(name)) {
                out.add(new InterfaceStatus(name, true, false, false, false, 0, null, null, null, 0, List.of(), List.of(),
                        null));
            }
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    @Override
    public synchronized void close() {
        if (subscription != null) {
            subscription.close();
        }
    }
}
