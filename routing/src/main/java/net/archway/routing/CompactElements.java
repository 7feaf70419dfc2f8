package net.archway.routing;

import java.util.Objects;
import java.util.function.IntFunction;

/**
 * A few elements kept in one {@code Object} field without a list object: {@code null} for none,
 * the element itself for one, an array for several. For per-route structures of a full table
 * (a destination's paths, the RIB's candidates), where a list per route would cost about 50
 * bytes for what is almost always one element. Elements are never arrays themselves; the owner
 * of the field keeps its type, and passes the array constructor where an array may be made.
 */
public final class CompactElements {
    private CompactElements() {
    }

    public static int size(Object held) {
        return held == null ? 0 : held instanceof Object[] a ? a.length : 1;
    }

    public static <T> T get(Object held, int i, Class<T> type) {
        if (held instanceof Object[] a) {
            return type.cast(a[i]);
        }
        Objects.checkIndex(i, size(held));
        return type.cast(held);
    }

    /** {@code held} with {@code element} appended. */
    public static <T> Object with(Object held, T element, IntFunction<T[]> newArray) {
        int n = size(held);
        if (n == 0) {
            return element;
        }
        T[] b = newArray.apply(n + 1);
        copy(held, b);
        b[n] = element;
        return b;
    }

    /** {@code held} with element {@code i} replaced (an array is changed in place). */
    public static Object replaced(Object held, int i, Object element) {
        if (held instanceof Object[] a) {
            a[i] = element;
            return a;
        }
        Objects.checkIndex(i, size(held));
        return element;
    }

    /** {@code held} without element {@code i}. */
    public static <T> Object without(Object held, int i, IntFunction<T[]> newArray) {
        int n = size(held);
        Objects.checkIndex(i, n);
        if (n == 1) {
            return null;
        }
        Object[] a = (Object[]) held;
        if (n == 2) {
            return a[1 - i];
        }
        T[] b = newArray.apply(n - 1);
        System.arraycopy(a, 0, b, 0, i);
        System.arraycopy(a, i + 1, b, i, n - 1 - i);
        return b;
    }

    /** A copy as an array (for the rare walks that want one); empty when there is none. */
    public static <T> T[] toArray(Object held, IntFunction<T[]> newArray) {
        T[] b = newArray.apply(size(held));
        copy(held, b);
        return b;
    }

    private static void copy(Object held, Object[] into) {
        if (held instanceof Object[] a) {
            System.arraycopy(a, 0, into, 0, a.length);
        } else if (held != null) {
            into[0] = held;
        }
    }
}
