package net.archway.routing.policy;

/** An RFC 8092 large community: three unsigned 32-bit numbers, {@code global:local1:local2}. */
public record LargeCommunity(long global, long local1, long local2) {
    public LargeCommunity {
        check(global);
        check(local1);
        check(local2);
    }

    private static void check(long v) {
        if (v < 0 || v > 0xffffffffL) {
            throw new IllegalArgumentException("large community part " + v + " is not a 32-bit number");
        }
    }

    @Override
    public String toString() {
        return global + ":" + local1 + ":" + local2;
    }
}
