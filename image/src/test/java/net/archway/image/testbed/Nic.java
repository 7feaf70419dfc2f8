package net.archway.image.testbed;

import net.archway.netlink.testing.TestNamespace;

/**
 * A VM's network interface (eth0, eth1, ... in the order given): a tap device that ends up in a
 * test namespace, or one end of a QEMU socket link to another VM.
 */
public sealed interface Nic {

    /** A tap named {@code tapName} in {@code namespace}: the namespace's side of the VM's interface. */
    record Tap(TestNamespace namespace, String tapName) implements Nic {
        public Tap {
            if (tapName.length() > 15) {
                throw new IllegalArgumentException("interface name " + tapName + " is longer than 15 characters");
            }
        }
    }

    /** One end of a {@link VmBed.Link}: UDP datagrams between two QEMUs on the bed's loopback. */
    record Socket(int localPort, int remotePort) implements Nic {
    }
}
