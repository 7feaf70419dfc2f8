package net.archway.routing.bgp.message;

import java.util.List;

import net.archway.routing.Prefix;

/**
 * UPDATE (RFC 4271 §4.3, RFC 4760), decoded into what it means for the routing table:
 * withdrawn prefixes of both families (Withdrawn Routes and MP_UNREACH_NLRI together) and
 * announcements (NLRI and MP_REACH_NLRI, each with its attribute set, next hop included). The
 * RFC 7606 outcome is part of the value: under treat-as-withdraw the announced prefixes are in
 * {@link #withdrawn()} and there are no announcements; under attribute discard the broken
 * attributes are gone from the sets. {@link #errors()} says what was malformed, for the log.
 *
 * @param withdrawn prefixes no longer reachable
 * @param announced reachable prefixes, at most one announcement per family
 * @param endOfRib the family of an End-of-RIB marker (RFC 4724 §2), else null
 * @param errorHandling the strongest RFC 7606 approach applied
 * @param errors what was malformed, in the order found
 */
public record UpdateMessage(List<Prefix> withdrawn, List<Announcement> announced, Family endOfRib, ErrorHandling errorHandling,
        List<String> errors) implements BgpMessage {

    public UpdateMessage {
        withdrawn = withdrawn instanceof PrefixList ? withdrawn : List.copyOf(withdrawn);
        announced = List.copyOf(announced);
        errors = List.copyOf(errors);
    }

    public static UpdateMessage announce(PathAttributes attributes, List<Prefix> prefixes) {
        return new UpdateMessage(List.of(), List.of(new Announcement(attributes, prefixes)), null, ErrorHandling.NONE, List.of());
    }

    public static UpdateMessage withdraw(List<Prefix> prefixes) {
        return new UpdateMessage(prefixes, List.of(), null, ErrorHandling.NONE, List.of());
    }

    public static UpdateMessage endOfRib(Family family) {
        return new UpdateMessage(List.of(), List.of(), family, ErrorHandling.NONE, List.of());
    }

    public boolean isEndOfRib() {
        return endOfRib != null;
    }

    /** The number of prefixes announced. */
    public int announcedCount() {
        int n = 0;
        for (Announcement a : announced) {
            n += a.prefixes().size();
        }
        return n;
    }

    @Override
    public MessageType type() {
        return MessageType.UPDATE;
    }

    @Override
    public String toString() {
        if (endOfRib != null) {
            return "UPDATE End-of-RIB " + endOfRib;
        }
        StringBuilder sb = new StringBuilder("UPDATE");
        if (!withdrawn.isEmpty()) {
            sb.append(" withdrawn ").append(withdrawn.size() <= 8 ? withdrawn.toString() : withdrawn.size() + " prefixes");
        }
        for (Announcement a : announced) {
            sb.append(" announced ").append(a.prefixes().size() <= 8 ? a.prefixes().toString() : a.prefixes().size() + " prefixes")
                    .append(" {").append(a.attributes()).append('}');
        }
        if (errorHandling != ErrorHandling.NONE) {
            sb.append(" [").append(errorHandling).append(": ").append(String.join("; ", errors)).append(']');
        }
        return sb.toString();
    }
}
