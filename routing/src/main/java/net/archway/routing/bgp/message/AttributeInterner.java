package net.archway.routing.bgp.message;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * Keeps one instance of each distinct attribute set, AS path, community list and next hop that
 * is still referenced somewhere, so that a full table of a million routes holds each distinct
 * value once (BIRD's attribute cache does the same with reference counts; here the garbage
 * collector does the counting through weak references). Thread-safe; every method is cheap
 * when the value is already present: one hash lookup and an equals that mostly compares
 * references.
 */
public final class AttributeInterner {
    private final Table<PathAttributes> sets = new Table<>();
    private final Table<AsPath> paths = new Table<>();
    private final Table<Communities> communities = new Table<>();
    private final Table<LargeCommunities> largeCommunities = new Table<>();
    private final Table<NextHop> nextHops = new Table<>();

    public synchronized PathAttributes intern(PathAttributes a) {
        return sets.intern(a);
    }

    public synchronized AsPath intern(AsPath p) {
        return p.isEmpty() ? AsPath.EMPTY : paths.intern(p);
    }

    public synchronized Communities intern(Communities c) {
        return c.isEmpty() ? Communities.EMPTY : communities.intern(c);
    }

    public synchronized LargeCommunities intern(LargeCommunities c) {
        return c.isEmpty() ? LargeCommunities.EMPTY : largeCommunities.intern(c);
    }

    public synchronized NextHop intern(NextHop n) {
        return n == null ? null : nextHops.intern(n);
    }

    /** How many distinct attribute sets are held (after dropping those no longer referenced). */
    public synchronized int attributeSets() {
        return sets.size();
    }

    /** How many distinct AS paths are held. */
    public synchronized int asPaths() {
        return paths.size();
    }

    /**
     * A hash set of weakly referenced values: chained buckets of weak references that remember
     * their hash, expunged through a reference queue as the collector clears them. About 40
     * bytes per value, half of what a WeakHashMap with weak values costs.
     */
    private static final class Table<T> {
        private final ReferenceQueue<T> queue = new ReferenceQueue<>();
        private Entry<T>[] buckets = newArray(64);
        private int size;

        private static final class Entry<T> extends WeakReference<T> {
            final int hash;
            Entry<T> next;

            Entry(T value, int hash, Entry<T> next, ReferenceQueue<T> queue) {
                super(value, queue);
                this.hash = hash;
                this.next = next;
            }
        }

        @SuppressWarnings("unchecked")
        private static <T> Entry<T>[] newArray(int n) {
            return (Entry<T>[]) new Entry<?>[n];
        }

        T intern(T value) {
            expunge();
            int h = spread(value.hashCode());
            int i = h & (buckets.length - 1);
            for (Entry<T> e = buckets[i]; e != null; e = e.next) {
                if (e.hash == h) {
                    T v = e.get();
                    if (v != null && v.equals(value)) {
                        return v;
                    }
                }
            }
            buckets[i] = new Entry<>(value, h, buckets[i], queue);
            if (++size > buckets.length * 3 / 4) {
                resize();
            }
            return value;
        }

        int size() {
            expunge();
            return size;
        }

        private static int spread(int h) {
            return h ^ (h >>> 16);
        }

        private void resize() {
            Entry<T>[] old = buckets;
            Entry<T>[] n = newArray(old.length * 2);
            for (Entry<T> head : old) {
                for (Entry<T> e = head; e != null; ) {
                    Entry<T> next = e.next;
                    int i = e.hash & (n.length - 1);
                    e.next = n[i];
                    n[i] = e;
                    e = next;
                }
            }
            buckets = n;
        }

        @SuppressWarnings("unchecked")
        private void expunge() {
            for (Object r; (r = queue.poll()) != null; ) {
                Entry<T> dead = (Entry<T>) r;
                int i = dead.hash & (buckets.length - 1);
                Entry<T> prev = null;
                for (Entry<T> e = buckets[i]; e != null; prev = e, e = e.next) {
                    if (e == dead) {
                        if (prev == null) {
                            buckets[i] = e.next;
                        } else {
                            prev.next = e.next;
                        }
                        size--;
                        break;
                    }
                }
            }
        }
    }
}
