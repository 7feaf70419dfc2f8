package net.archway.routing.rib;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a route came from, with its Junos default preference (lower wins): Direct 0, Local 0,
 * Static 5, Access-internal 12 (the default route a DHCP server gave), Aggregate 130, BGP 170.
 * Direct and Local routes belong to the kernel (it makes them with each
 * address); the RIB knows them for resolution and {@code show route} but never programs them.
 */
public final class Protocol {
    private static final Map<String, Protocol> KNOWN = new ConcurrentHashMap<>();

    public static final Protocol DIRECT = known("Direct", 0, true, 0);
    public static final Protocol LOCAL = known("Local", 0, true, 1);
    public static final Protocol STATIC = known("Static", 5, false, 2);
    /** Junos' name for routes a DHCP client learnt (the lease's default route). */
    public static final Protocol ACCESS_INTERNAL = known("Access-internal", 12, false, 3);
    public static final Protocol AGGREGATE = known("Aggregate", 130, false, 4);
    public static final Protocol BGP = known("BGP", 170, false, 5);

    private final String name;
    private final int defaultPreference;
    private final boolean kernelOwned;
    private final int rank;

    private Protocol(String name, int defaultPreference, boolean kernelOwned, int rank) {
        this.name = name;
        this.defaultPreference = defaultPreference;
        this.kernelOwned = kernelOwned;
        this.rank = rank;
    }

    private static Protocol known(String name, int preference, boolean kernelOwned, int rank) {
        Protocol p = new Protocol(name, preference, kernelOwned, rank);
        KNOWN.put(name.toLowerCase(), p);
        return p;
    }

    /** By name as Junos prints it (case-insensitive): {@code static}, {@code bgp}. */
    public static Protocol forName(String name) {
        Protocol p = KNOWN.get(name.toLowerCase());
        if (p == null) {
            throw new IllegalArgumentException("unknown protocol '" + name + "'; known: Direct, Local, Static, Access-internal, Aggregate, BGP");
        }
        return p;
    }

    public String name() {
        return name;
    }

    public int defaultPreference() {
        return defaultPreference;
    }

    /** The kernel makes these routes itself; the FIB writer leaves them alone. */
    public boolean kernelOwned() {
        return kernelOwned;
    }

    /** Breaks preference ties between protocols, in Junos' order. */
    int rank() {
        return rank;
    }

    @Override
    public String toString() {
        return name;
    }
}
