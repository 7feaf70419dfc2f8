package net.archway.routing.rib;

import java.util.List;

/** What the kernel should do for a prefix: forward through resolved hops, discard, or reject. */
public sealed interface FibEntry {

    record Forward(List<ForwardingHop> hops) implements FibEntry {
        public Forward {
            hops = List.copyOf(hops);
        }
    }

    record Discard() implements FibEntry {
    }

    record Reject() implements FibEntry {
    }
}
