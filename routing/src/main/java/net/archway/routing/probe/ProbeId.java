package net.archway.routing.probe;

/** A probe's name: Junos {@code probe OWNER test TEST}. */
public record ProbeId(String owner, String test) implements Comparable<ProbeId> {
    @Override
    public int compareTo(ProbeId o) {
        int c = owner.compareTo(o.owner);
        return c != 0 ? c : test.compareTo(o.test);
    }

    @Override
    public String toString() {
        return "probe " + owner + " test " + test;
    }
}
