package net.archway.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.archway.netlink.route.Link;
import net.archway.netlink.route.LinkSpec;
import net.archway.netlink.route.Rtnetlink;
import net.archway.netlink.socket.NetworkNamespace;
import net.archway.netlink.testing.TestNamespace;
import net.archway.netlink.xfrm.XfrmNetlink;

/** Sockets opened inside named namespaces; the opening thread returns to where it was. */
class NamespaceIT {
    private static String threadNamespace() throws Exception {
        return Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString();
    }

    @Test
    void oneJvmManagesSeveralNamespaces() throws Exception {
        String before = threadNamespace();
        try (TestNamespace a = TestNamespace.create("ns-a"); TestNamespace b = TestNamespace.create("ns-b");
             Rtnetlink ra = Rtnetlink.open(a.name()); Rtnetlink rb = Rtnetlink.open(b.name())) {
            assertEquals(before, threadNamespace(), "the thread is back in its own namespace");
            ra.links().create(new LinkSpec.Bridge("awbr-a"));
            rb.links().create(new LinkSpec.Bridge("awbr-b"));
            assertEquals(List.of("awbr-a", "lo"), ra.links().list().stream().map(Link::name).sorted().toList());
            assertEquals(List.of("awbr-b", "lo"), rb.links().list().stream().map(Link::name).sorted().toList());
            assertTrue(a.ip("link", "show").contains("awbr-a"));
            assertTrue(!b.ip("link", "show").contains("awbr-a"));
            try (XfrmNetlink xa = XfrmNetlink.open(a.name())) {
                assertEquals(List.of(), xa.listPolicies());
            }
            assertEquals(before, threadNamespace());
        }
    }

    @Test
    void aMissingNamespaceIsATypedError() throws Exception {
        String before = threadNamespace();
        NamespaceNotFoundException e = assertThrows(NamespaceNotFoundException.class,
                () -> Rtnetlink.open("aw-does-not-exist"));
        assertEquals("aw-does-not-exist", e.namespace());
        assertTrue(e.getMessage().contains("ip netns add aw-does-not-exist"));
        assertThrows(IllegalArgumentException.class, () -> Rtnetlink.open("../etc"));
        assertEquals(before, threadNamespace());
        assertEquals("inside", NetworkNamespace.callIn(null, () -> "inside"));
    }
}
