package net.archway.appliance.interfaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

/** The lines Archway's udhcpc hook prints, parsed. */
class DhcpClientsTest {
    @Test
    void aBoundLeaseGivesAddressRouterLeaseAndServer() throws Exception {
        DhcpClients.Event e = DhcpClients.Event.parse(
                "archway-dhcp\tbound\teth0\t10.0.2.15\t24\t10.0.2.2 10.0.2.3\t86400\t10.0.2.2");
        assertEquals("bound", e.kind());
        assertEquals("10.0.2.15/24", e.address());
        assertEquals(InetAddress.getByName("10.0.2.2"), e.router()); // the first router of the option
        assertEquals(86400, e.leaseSeconds());
        assertEquals(InetAddress.getByName("10.0.2.2"), e.server());
    }

    @Test
    void deconfigHasNoLeaseAndOtherLinesAreNotEvents() {
        DhcpClients.Event e = DhcpClients.Event.parse("archway-dhcp\tdeconfig\teth0\t\t\t\t\t");
        assertEquals("deconfig", e.kind());
        assertNull(e.address());
        assertNull(e.router());
        assertNull(DhcpClients.Event.parse("udhcpc: sending discover"));
        assertNull(DhcpClients.Event.parse("archway-dhcp\tbound"));
    }

    @Test
    void aLeaseWithAnImpossibleMaskOrAddressIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> DhcpClients.Event.parse("archway-dhcp\tbound\teth0\t10.0.2.15\t40\t\t60\t"));
        assertThrows(IllegalArgumentException.class,
                () -> DhcpClients.Event.parse("archway-dhcp\tbound\teth0\tnot-an-ip\t24\t\t60\t"));
    }
}
