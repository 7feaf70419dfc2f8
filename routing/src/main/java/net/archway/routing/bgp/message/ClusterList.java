package net.archway.routing.bgp.message;

import java.util.Arrays;

/** The CLUSTER_LIST attribute (RFC 4456 §8): cluster IDs, nearest first, printed as dotted quads. Immutable. */
public final class ClusterList {
    public static final ClusterList EMPTY = new ClusterList(new int[0]);

    private final int[] ids;
    private final int hash;

    private ClusterList(int[] ids) {
        this.ids = ids;
        this.hash = Arrays.hashCode(ids);
    }

    public static ClusterList of(int... ids) {
        return wrap(ids.clone());
    }

    static ClusterList wrap(int[] ids) {
        return ids.length == 0 ? EMPTY : new ClusterList(ids);
    }

    public int size() {
        return ids.length;
    }

    public boolean isEmpty() {
        return ids.length == 0;
    }

    public int get(int i) {
        return ids[i];
    }

    int[] raw() {
        return ids;
    }

    public boolean contains(int clusterId) {
        for (int id : ids) {
            if (id == clusterId) {
                return true;
            }
        }
        return false;
    }

    /** This list with {@code clusterId} prepended (RFC 4456 §8, when a reflector reflects). */
    public ClusterList prepend(int clusterId) {
        int[] n = new int[ids.length + 1];
        n[0] = clusterId;
        System.arraycopy(ids, 0, n, 1, ids.length);
        return new ClusterList(n);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof ClusterList c && c.hash == hash && Arrays.equals(c.ids, ids);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(Wire.dottedQuad(id));
        }
        return sb.toString();
    }
}
