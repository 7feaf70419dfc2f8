package net.archway.routing.bgp.message;

import net.archway.routing.Prefix;

/** Prefixes on the wire (RFC 4271 §4.3, RFC 4760 §5): a length octet and the significant octets. */
final class Nlri {
    private Nlri() {
    }

    /** Thrown for a prefix longer than the family allows or one that overruns its field. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** Decodes a field of IPv4 or IPv6 prefixes; checks everything before allocating. */
    static PrefixList decode(byte[] b, int p, int len, boolean ipv6) throws Invalid {
        if (len == 0) {
            return PrefixList.EMPTY;
        }
        int max = ipv6 ? 128 : 32;
        int end = p + len;
        int count = 0;
        for (int q = p; q < end; ) {
            int bits = b[q] & 0xff;
            if (bits > max) {
                throw new Invalid("prefix length " + bits + " is more than " + max);
            }
            q += 1 + (bits + 7) / 8;
            if (q > end) {
                throw new Invalid("prefix of length " + bits + " overruns the field");
            }
            count++;
        }
        Prefix[] out = new Prefix[count];
        int i = 0;
        for (int q = p; q < end; ) {
            int bits = b[q++] & 0xff;
            int octets = (bits + 7) / 8;
            if (ipv6) {
                long hi = 0;
                long lo = 0;
                for (int k = 0; k < octets; k++) {
                    long v = b[q + k] & 0xffL;
                    if (k < 8) {
                        hi |= v << (56 - 8 * k);
                    } else {
                        lo |= v << (56 - 8 * (k - 8));
                    }
                }
                out[i++] = Prefix.ipv6(hi, lo, bits);
            } else {
                int a = 0;
                for (int k = 0; k < octets; k++) {
                    a |= (b[q + k] & 0xff) << (24 - 8 * k);
                }
                out[i++] = Prefix.ipv4(a, bits);
            }
            q += octets;
        }
        return new PrefixList(out, count);
    }

    static int encodedLength(Prefix prefix) {
        return 1 + (prefix.length() + 7) / 8;
    }

    static int encode(Prefix prefix, byte[] b, int p) {
        int bits = prefix.length();
        int octets = (bits + 7) / 8;
        b[p++] = (byte) bits;
        if (prefix.isIpv6()) {
            long hi = prefix.high();
            long lo = prefix.low();
            for (int k = 0; k < octets; k++) {
                b[p + k] = (byte) (k < 8 ? hi >>> (56 - 8 * k) : lo >>> (56 - 8 * (k - 8)));
            }
        } else {
            int a = prefix.ipv4Address();
            for (int k = 0; k < octets; k++) {
                b[p + k] = (byte) (a >>> (24 - 8 * k));
            }
        }
        return p + octets;
    }
}
