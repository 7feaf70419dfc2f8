package net.archway.routing.bgp.message;

import java.util.AbstractList;
import java.util.RandomAccess;

import net.archway.routing.Prefix;

/** An immutable list over an array of decoded prefixes: no copy, no per-prefix wrapper. */
final class PrefixList extends AbstractList<Prefix> implements RandomAccess {
    static final PrefixList EMPTY = new PrefixList(new Prefix[0], 0);

    private final Prefix[] items;
    private final int size;

    PrefixList(Prefix[] items, int size) {
        this.items = items;
        this.size = size;
    }

    @Override
    public Prefix get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return items[index];
    }

    @Override
    public int size() {
        return size;
    }
}
