package net.archway.routing.bgp.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;

/** setsockopt through jnr-ffi on real (unconnected) sockets: needs no privilege. */
class LinuxSocketsTest {

    @Test
    void md5KeysTtlAndGtsmGoOnIpv4AndIpv6Sockets() throws Exception {
        io.netty.channel.epoll.Epoll.ensureAvailability(); // loads Netty's native library
        for (SocketProtocolFamily family : new SocketProtocolFamily[] {SocketProtocolFamily.INET, SocketProtocolFamily.INET6}) {
            EpollSocketChannel ch = new EpollSocketChannel(family);
            try {
                int fd = ch.fd().intValue();
                boolean v6 = family == SocketProtocolFamily.INET6;
                InetAddress peer = InetAddress.getByName(v6 ? "2001:db8::1" : "192.0.2.1");
                LinuxSockets.setMd5Key(fd, v6, peer, "secret".getBytes());
                LinuxSockets.setMd5Key(fd, v6, peer, null); // removal
                LinuxSockets.setTtl(fd, v6, 255);
                LinuxSockets.setMinTtl(fd, v6, 254);
                LinuxSockets.setNetworkControlClass(fd, v6);
                if (v6) {
                    // an IPv4 peer on an IPv6 socket is keyed by its v4-mapped address
                    LinuxSockets.setMd5Key(fd, true, InetAddress.getByName("192.0.2.1"), "secret".getBytes());
                }
            } finally {
                ch.unsafe().closeForcibly();
            }
        }
    }

    @Test
    void aFailedOptionSaysWhatAndWhyWithoutTheKey() {
        LinuxSockets.OptionException e = assertThrows(LinuxSockets.OptionException.class,
                () -> LinuxSockets.setMd5Key(-1, false, InetAddress.getByName("192.0.2.1"), "topsecret".getBytes()));
        assertTrue(e.getMessage().contains("TCP_MD5SIG"), e.getMessage());
        assertTrue(e.getMessage().contains("Bad file descriptor"), e.getMessage());
        assertFalse(e.getMessage().contains("topsecret"));
    }
}
