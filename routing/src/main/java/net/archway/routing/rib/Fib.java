package net.archway.routing.rib;

import java.util.List;

import net.archway.routing.Prefix;

/**
 * Where the RIB sends forwarding changes: the appliance programs the kernel through netlink.
 * Called on the RIB's thread with every change of one RIB step as one batch.
 */
public interface Fib {

    /** One change: the new entry for a prefix, or null to remove Archway's route for it. */
    record Change(Prefix prefix, FibEntry entry) {
    }

    void apply(List<Change> changes);
}
