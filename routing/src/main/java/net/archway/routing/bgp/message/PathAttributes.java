package net.archway.routing.bgp.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The path attributes of a route, decoded: an immutable value with a precomputed hash, so
 * that equal sets can be interned ({@link AttributeInterner}) and a full table holds each
 * distinct set once. The next hop is part of the set whether it came in NEXT_HOP (IPv4) or in
 * MP_REACH_NLRI (IPv6), so (prefix, attributes) describes a route completely. MP_REACH_NLRI,
 * MP_UNREACH_NLRI, AS4_PATH and AS4_AGGREGATOR are never held: the first two carry NLRI, the
 * last two are merged into AS_PATH and AGGREGATOR when decoded (RFC 6793 §4.2.3) and rebuilt
 * when encoded for a 2-octet peer.
 */
public final class PathAttributes {
    public static final int FLAG_OPTIONAL = 0x80;
    public static final int FLAG_TRANSITIVE = 0x40;
    public static final int FLAG_PARTIAL = 0x20;
    public static final int FLAG_EXTENDED_LENGTH = 0x10;

    private static final int HAS_MED = 1;
    private static final int HAS_LOCAL_PREF = 2;
    private static final int ATOMIC_AGGREGATE = 4;
    private static final int HAS_ORIGINATOR_ID = 8;
    private static final UnknownAttribute[] NO_UNKNOWN = new UnknownAttribute[0];

    private final Origin origin;
    private final AsPath asPath;
    private final NextHop nextHop;
    private final byte present;
    private final int med;
    private final int localPref;
    private final int originatorId;
    private final Aggregator aggregator;
    private final Communities communities;
    private final LargeCommunities largeCommunities;
    private final ClusterList clusterList;
    private final UnknownAttribute[] unknown;
    private final int hash;

    private PathAttributes(Builder b) {
        this.origin = Objects.requireNonNull(b.origin, "origin");
        this.asPath = Objects.requireNonNull(b.asPath, "asPath");
        this.nextHop = b.nextHop;
        this.present = (byte) b.present;
        this.med = b.med;
        this.localPref = b.localPref;
        this.originatorId = b.originatorId;
        this.aggregator = b.aggregator;
        this.communities = Objects.requireNonNull(b.communities);
        this.largeCommunities = Objects.requireNonNull(b.largeCommunities);
        this.clusterList = Objects.requireNonNull(b.clusterList);
        this.unknown = b.unknown.isEmpty() ? NO_UNKNOWN
                : b.unknown.stream().sorted(Comparator.comparingInt(u -> u.type().number())).toArray(UnknownAttribute[]::new);
        int h = origin.ordinal();
        h = h * 31 + asPath.hashCode();
        h = h * 31 + Objects.hashCode(nextHop);
        h = h * 31 + present;
        h = h * 31 + med;
        h = h * 31 + localPref;
        h = h * 31 + originatorId;
        h = h * 31 + Objects.hashCode(aggregator);
        h = h * 31 + communities.hashCode();
        h = h * 31 + largeCommunities.hashCode();
        h = h * 31 + clusterList.hashCode();
        h = h * 31 + Arrays.hashCode(unknown);
        this.hash = h;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.origin = origin;
        b.asPath = asPath;
        b.nextHop = nextHop;
        b.present = present;
        b.med = med;
        b.localPref = localPref;
        b.originatorId = originatorId;
        b.aggregator = aggregator;
        b.communities = communities;
        b.largeCommunities = largeCommunities;
        b.clusterList = clusterList;
        b.unknown = new ArrayList<>(Arrays.asList(unknown));
        return b;
    }

    /** This set with another next hop (the same object when it is equal). */
    public PathAttributes withNextHop(NextHop hop) {
        return Objects.equals(hop, nextHop) ? this : toBuilder().nextHop(hop).build();
    }

    public Origin origin() {
        return origin;
    }

    public AsPath asPath() {
        return asPath;
    }

    /** The next hop, or null when the set carries none (an UPDATE with only MP_REACH_NLRI puts its own in). */
    public NextHop nextHop() {
        return nextHop;
    }

    public boolean hasMultiExitDisc() {
        return (present & HAS_MED) != 0;
    }

    /** MULTI_EXIT_DISC, an unsigned 32-bit value; 0 when absent (check {@link #hasMultiExitDisc()}). */
    public long multiExitDisc() {
        return med & 0xffffffffL;
    }

    public boolean hasLocalPref() {
        return (present & HAS_LOCAL_PREF) != 0;
    }

    /** LOCAL_PREF, an unsigned 32-bit value; 0 when absent (check {@link #hasLocalPref()}). */
    public long localPref() {
        return localPref & 0xffffffffL;
    }

    public boolean atomicAggregate() {
        return (present & ATOMIC_AGGREGATE) != 0;
    }

    /** AGGREGATOR, or null. */
    public Aggregator aggregator() {
        return aggregator;
    }

    public Communities communities() {
        return communities;
    }

    public LargeCommunities largeCommunities() {
        return largeCommunities;
    }

    public boolean hasOriginatorId() {
        return (present & HAS_ORIGINATOR_ID) != 0;
    }

    /** ORIGINATOR_ID (RFC 4456 §8); 0 when absent. */
    public int originatorId() {
        return originatorId;
    }

    public ClusterList clusterList() {
        return clusterList;
    }

    /** Unrecognised optional transitive attributes, by type code. */
    public List<UnknownAttribute> unknownAttributes() {
        return List.of(unknown);
    }

    UnknownAttribute[] unknownArray() {
        return unknown;
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        return o instanceof PathAttributes a && a.hash == hash && a.origin == origin && a.present == present
                && a.med == med && a.localPref == localPref && a.originatorId == originatorId
                && a.asPath.equals(asPath) && Objects.equals(a.nextHop, nextHop) && Objects.equals(a.aggregator, aggregator)
                && a.communities.equals(communities) && a.largeCommunities.equals(largeCommunities)
                && a.clusterList.equals(clusterList) && Arrays.equals(a.unknown, unknown);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Every attribute present, in type-code order, each as {@code NAME value} (the attribute table's formats). */
    @Override
    public String toString() {
        return PathAttributeTable.format(this);
    }

    /** Builds a set; ORIGIN defaults to IGP and AS_PATH to the empty path. */
    public static final class Builder {
        private Origin origin = Origin.IGP;
        private AsPath asPath = AsPath.EMPTY;
        private NextHop nextHop;
        private int present;
        private int med;
        private int localPref;
        private int originatorId;
        private Aggregator aggregator;
        private Communities communities = Communities.EMPTY;
        private LargeCommunities largeCommunities = LargeCommunities.EMPTY;
        private ClusterList clusterList = ClusterList.EMPTY;
        private List<UnknownAttribute> unknown = new ArrayList<>();

        private Builder() {
        }

        public Builder origin(Origin v) {
            origin = Objects.requireNonNull(v);
            return this;
        }

        public Builder asPath(AsPath v) {
            asPath = Objects.requireNonNull(v);
            return this;
        }

        public Builder nextHop(NextHop v) {
            nextHop = v;
            return this;
        }

        public Builder multiExitDisc(long v) {
            med = u32(v, "MULTI_EXIT_DISC");
            present |= HAS_MED;
            return this;
        }

        public Builder noMultiExitDisc() {
            med = 0;
            present &= ~HAS_MED;
            return this;
        }

        public Builder localPref(long v) {
            localPref = u32(v, "LOCAL_PREF");
            present |= HAS_LOCAL_PREF;
            return this;
        }

        public Builder noLocalPref() {
            localPref = 0;
            present &= ~HAS_LOCAL_PREF;
            return this;
        }

        public Builder atomicAggregate(boolean v) {
            present = v ? present | ATOMIC_AGGREGATE : present & ~ATOMIC_AGGREGATE;
            return this;
        }

        public Builder aggregator(Aggregator v) {
            aggregator = v;
            return this;
        }

        public Builder communities(Communities v) {
            communities = Objects.requireNonNull(v);
            return this;
        }

        public Builder largeCommunities(LargeCommunities v) {
            largeCommunities = Objects.requireNonNull(v);
            return this;
        }

        public Builder originatorId(int v) {
            originatorId = v;
            present |= HAS_ORIGINATOR_ID;
            return this;
        }

        public Builder noOriginatorId() {
            originatorId = 0;
            present &= ~HAS_ORIGINATOR_ID;
            return this;
        }

        public Builder clusterList(ClusterList v) {
            clusterList = Objects.requireNonNull(v);
            return this;
        }

        /** Adds an unrecognised optional transitive attribute, replacing one of the same type. */
        public Builder unknown(UnknownAttribute v) {
            if ((v.flags() & FLAG_OPTIONAL) == 0 || (v.flags() & FLAG_TRANSITIVE) == 0) {
                throw new IllegalArgumentException("only optional transitive attributes are passed on unrecognised: " + v);
            }
            if (PathAttributeTable.isKnown(v.type())) {
                throw new IllegalArgumentException(v.type() + " is a recognised attribute");
            }
            unknown.removeIf(u -> u.type().equals(v.type()));
            unknown.add(v);
            return this;
        }

        public Builder clearUnknown() {
            unknown.clear();
            return this;
        }

        private static int u32(long v, String what) {
            if (v < 0 || v > 0xffffffffL) {
                throw new IllegalArgumentException(what + " " + v + " is outside 0-4294967295");
            }
            return (int) v;
        }

        Origin origin() {
            return origin;
        }

        AsPath asPath() {
            return asPath;
        }

        Aggregator aggregator() {
            return aggregator;
        }

        public PathAttributes build() {
            return new PathAttributes(this);
        }
    }
}
