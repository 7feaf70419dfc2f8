package net.archway.routing.bgp.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.archway.netlink.socket.NetworkNamespace;
import net.archway.routing.Prefix;
import net.archway.routing.bgp.message.BgpMessage;
import net.archway.routing.bgp.message.Capability;
import net.archway.routing.bgp.message.ErrorHandling;
import net.archway.routing.bgp.message.ErrorSubcode;
import net.archway.routing.bgp.message.Family;
import net.archway.routing.bgp.message.KeepaliveMessage;
import net.archway.routing.bgp.message.MalformedMessageException;
import net.archway.routing.bgp.message.MessageCodec;
import net.archway.routing.bgp.message.NotificationMessage;
import net.archway.routing.bgp.message.OpenMessage;
import net.archway.routing.bgp.message.PathAttributes;
import net.archway.routing.bgp.message.UpdateContext;
import net.archway.routing.bgp.message.UpdateMessage;
import net.archway.routing.bgp.session.SessionDown;
import net.archway.routing.bgp.session.SessionState;

/**
 * A hand-written peer (plain sockets, our codec for the handshake, raw bytes for the rest)
 * sends malformed UPDATEs to Archway over real TCP: each is handled as RFC 7606 says, the
 * session stays up through treat-as-withdraw and attribute discard, and only a malformed
 * MP_REACH_NLRI brings a NOTIFICATION.
 */
class MalformedUpdateIT {
    private static final String ORIGIN = "40010100";
    private static final String AS_PATH = "400206" + "0201" + "0000fde9"; // 65001
    private static final String NEXT_HOP = "400304" + "0a4d0001"; // 10.77.0.1

    /** A peer speaking BGP by hand from the peer namespace. */
    private static final class TestPeer implements AutoCloseable {
        final Socket socket;
        final DataInputStream in;
        final OutputStream out;

        TestPeer(String namespace) {
            socket = NetworkNamespace.callIn(namespace, () -> {
                try {
                    Socket s = new Socket();
                    s.connect(new InetSocketAddress(Link.ARCHWAY4, 179), 5000);
                    return s;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            try {
                socket.setSoTimeout((int) Speaker.WAIT.toMillis());
                in = new DataInputStream(socket.getInputStream());
                out = socket.getOutputStream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void send(byte[] m) throws IOException {
            out.write(m);
            out.flush();
        }

        void send(BgpMessage m) throws IOException {
            send(MessageCodec.encode(m));
        }

        BgpMessage read() throws IOException, MalformedMessageException {
            byte[] header = new byte[19];
            in.readFully(header);
            byte[] m = new byte[MessageCodec.lengthField(header, 0)];
            System.arraycopy(header, 0, m, 0, 19);
            in.readFully(m, 19, m.length - 19);
            return MessageCodec.decode(m, UpdateContext.ebgp(65001, 65002));
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static byte[] update(String withdrawn, String attributes, String nlri) {
        byte[] w = HexFormat.of().parseHex(withdrawn);
        byte[] a = HexFormat.of().parseHex(attributes);
        byte[] n = HexFormat.of().parseHex(nlri);
        byte[] m = new byte[19 + 4 + w.length + a.length + n.length];
        for (int i = 0; i < 16; i++) {
            m[i] = (byte) 0xff;
        }
        m[16] = (byte) (m.length >>> 8);
        m[17] = (byte) m.length;
        m[18] = 2;
        m[19] = (byte) (w.length >>> 8);
        m[20] = (byte) w.length;
        System.arraycopy(w, 0, m, 21, w.length);
        m[21 + w.length] = (byte) (a.length >>> 8);
        m[22 + w.length] = (byte) a.length;
        System.arraycopy(a, 0, m, 23 + w.length, a.length);
        System.arraycopy(n, 0, m, 23 + w.length + a.length, n.length);
        return m;
    }

    @Test
    void malformedUpdatesAreHandledPerRfc7606AndTheSessionStaysUp() throws Exception {
        try (Link link = new Link("malf");
                Speaker aw = new Speaker(link.archway.name(), Interop.archway(65002).passive(true).gracefulRestart(null).build()).start()) {
            aw.await("the session to listen", () -> aw.session.state() == SessionState.ACTIVE);
            try (TestPeer peer = new TestPeer(link.peer.name())) {
                assertInstanceOf(OpenMessage.class, peer.read());
                peer.send(OpenMessage.of(65001, 90, 0x0a4d0001, List.of(new Capability.Multiprotocol(Family.IPV4_UNICAST))));
                assertEquals(KeepaliveMessage.INSTANCE, peer.read());
                peer.send(KeepaliveMessage.INSTANCE);
                aw.awaitEstablished();

                Prefix a = Prefix.parse("10.1.0.0/24");
                Prefix b = Prefix.parse("10.2.0.0/24");
                peer.send(update("", ORIGIN + AS_PATH + NEXT_HOP, "180a0100" + "180a0200"));
                aw.awaitRoute(b);

                // treat-as-withdraw: ORIGIN 9 (RFC 7606 §7.1) for 10.1.0.0/24
                peer.send(update("", "40010109" + AS_PATH + NEXT_HOP, "180a0100"));
                aw.awaitNoRoute(a);
                // treat-as-withdraw: a zero-length AS_PATH segment (§7.2)
                peer.send(update("", ORIGIN + "400202" + "0200" + NEXT_HOP, "180a0200"));
                aw.awaitNoRoute(b);
                // attribute discard: LOCAL_PREF from an external peer (§7.5); the route stands
                peer.send(update("", ORIGIN + AS_PATH + NEXT_HOP + "40050400000064", "180a0300"));
                PathAttributes c = aw.awaitRoute(Prefix.parse("10.3.0.0/24"));
                assertFalse(c.hasLocalPref());
                // an unrecognised optional transitive attribute is kept for passing on
                peer.send(update("", ORIGIN + AS_PATH + NEXT_HOP + "c0f702beef", "180a0400"));
                PathAttributes d = aw.awaitRoute(Prefix.parse("10.4.0.0/24"));
                assertEquals(1, d.unknownAttributes().size());

                List<ErrorHandling> seen = new ArrayList<>();
                for (UpdateMessage u : aw.updates()) {
                    seen.add(u.errorHandling());
                }
                assertEquals(List.of(ErrorHandling.NONE, ErrorHandling.TREAT_AS_WITHDRAW, ErrorHandling.TREAT_AS_WITHDRAW,
                        ErrorHandling.ATTRIBUTE_DISCARD, ErrorHandling.NONE), seen);
                assertEquals(SessionState.ESTABLISHED, aw.session.state());
                assertTrue(aw.downs().isEmpty());

                // session reset: MP_REACH_NLRI twice (§3 g)
                String mp = "900e" + "0016" + "0002" + "01" + "10" + "20010db8000000000000000000000001" + "00" + "00";
                peer.send(update("", mp + mp + ORIGIN + AS_PATH, ""));
                BgpMessage answer = peer.read();
                while (answer instanceof KeepaliveMessage) {
                    answer = peer.read();
                }
                NotificationMessage n = assertInstanceOf(NotificationMessage.class, answer);
                assertEquals(ErrorSubcode.MALFORMED_ATTRIBUTE_LIST, n.subcode());
                SessionDown down = aw.await("the session to go down", () -> aw.downs().isEmpty() ? null : aw.downs().get(0));
                assertEquals(SessionDown.Cause.PROTOCOL_ERROR, down.cause());
                assertTrue(down.text().contains("MP_REACH_NLRI appears more than once"), down.text());
            }
        }
    }
}
