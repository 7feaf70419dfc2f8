package net.archway.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CompactElementsTest {
    @Test
    void noneOneAndSeveralInOneField() {
        Object held = null;
        assertEquals(0, CompactElements.size(held));
        assertThrows(IndexOutOfBoundsException.class, () -> CompactElements.get(null, 0, String.class));

        held = CompactElements.with(held, "a", String[]::new);
        assertSame("a", held, "one element is held as itself, no array");
        assertEquals("a", CompactElements.get(held, 0, String.class));
        Object one = held;
        assertThrows(IndexOutOfBoundsException.class, () -> CompactElements.get(one, 1, String.class));

        held = CompactElements.with(held, "b", String[]::new);
        held = CompactElements.with(held, "c", String[]::new);
        assertEquals(3, CompactElements.size(held));
        assertArrayEquals(new String[] {"a", "b", "c"}, CompactElements.toArray(held, String[]::new));

        held = CompactElements.replaced(held, 1, "B");
        held = CompactElements.without(held, 0, String[]::new);
        assertArrayEquals(new String[] {"B", "c"}, CompactElements.toArray(held, String[]::new));
        held = CompactElements.without(held, 1, String[]::new);
        assertSame("B", held, "back to one: the element itself");
        assertEquals("x", CompactElements.replaced(held, 0, "x"));
        assertNull(CompactElements.without(held, 0, String[]::new));
        assertEquals(0, CompactElements.toArray(null, String[]::new).length);
    }
}
