package net.archway.routing.bgp.message;

import java.util.Arrays;
import java.util.List;

/**
 * A capability advertised in OPEN (RFC 5492). The ones this speaker negotiates are typed;
 * any other is kept as {@link Unknown} with its value, so it prints and re-encodes.
 */
public sealed interface Capability {

    CapabilityCode code();

    /** Multiprotocol extensions for one family (RFC 4760 §8). */
    record Multiprotocol(Family family) implements Capability {
        @Override
        public CapabilityCode code() {
            return CapabilityCode.MULTIPROTOCOL;
        }

        @Override
        public String toString() {
            return "multiprotocol " + family;
        }
    }

    /** Route refresh (RFC 2918 §2). */
    record RouteRefresh() implements Capability {
        @Override
        public CapabilityCode code() {
            return CapabilityCode.ROUTE_REFRESH;
        }

        @Override
        public String toString() {
            return "route-refresh";
        }
    }

    /** Enhanced route refresh (RFC 7313 §3.1). */
    record EnhancedRouteRefresh() implements Capability {
        @Override
        public CapabilityCode code() {
            return CapabilityCode.ENHANCED_ROUTE_REFRESH;
        }

        @Override
        public String toString() {
            return "enhanced-route-refresh";
        }
    }

    /** Support for 4-octet AS numbers, with the speaker's AS (RFC 6793 §3). */
    record FourOctetAs(long asn) implements Capability {
        public FourOctetAs {
            AsPath.checkAsn(asn);
        }

        @Override
        public CapabilityCode code() {
            return CapabilityCode.FOUR_OCTET_AS;
        }

        @Override
        public String toString() {
            return "4-octet-as " + asn;
        }
    }

    /**
     * Graceful restart (RFC 4724 §3): the Restart State bit, the Notification bit of RFC 8538,
     * the restart time in seconds (0-4095) and, per family, whether forwarding state was kept.
     */
    record GracefulRestart(boolean restartState, boolean notification, int restartTime, List<Entry> families) implements Capability {
        public GracefulRestart {
            if (restartTime < 0 || restartTime > 4095) {
                throw new IllegalArgumentException("graceful restart time " + restartTime + " is outside 0-4095 seconds");
            }
            families = List.copyOf(families);
        }

        /** One family the speaker can preserve forwarding state for (F bit). */
        public record Entry(Family family, boolean forwardingState) {
        }

        @Override
        public CapabilityCode code() {
            return CapabilityCode.GRACEFUL_RESTART;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("graceful-restart time ").append(restartTime);
            if (restartState) {
                sb.append(" restarting");
            }
            if (notification) {
                sb.append(" notification");
            }
            for (Entry e : families) {
                sb.append(' ').append(e.family()).append(e.forwardingState() ? "(forwarding)" : "");
            }
            return sb.toString();
        }
    }

    /** A capability this speaker does not interpret, kept with its value. */
    final class Unknown implements Capability {
        private final CapabilityCode code;
        private final byte[] value;

        public Unknown(CapabilityCode code, byte[] value) {
            this.code = code;
            this.value = value.clone();
        }

        @Override
        public CapabilityCode code() {
            return code;
        }

        public byte[] value() {
            return value.clone();
        }

        byte[] raw() {
            return value;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown u && u.code.equals(code) && Arrays.equals(u.value, value);
        }

        @Override
        public int hashCode() {
            return code.hashCode() * 31 + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return code + (value.length == 0 ? "" : " " + Wire.hex(value, 0, value.length));
        }
    }
}
