package net.archway.routing.bgp.message;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The captures of real peers in src/test/resources/bgp/captures (made by capture.sh there):
 * one file per sender, receiver and transport family, one message per line in hex.
 */
final class Captures {
    /** Every capture file's name (without .hex). */
    static final List<String> FILES = List.of("frr-to-bird-ipv4", "bird-to-frr-ipv4", "frr-to-bird-ipv6", "bird-to-frr-ipv6",
            "frr-to-gobgp-ipv4", "gobgp-to-frr-ipv4", "bird-to-gobgp-ipv4", "gobgp-to-bird-ipv4");

    private Captures() {
    }

    static List<byte[]> messages(String name) {
        try (InputStream in = Captures.class.getResourceAsStream("/bgp/captures/" + name + ".hex")) {
            if (in == null) {
                throw new AssertionError("capture " + name + ".hex is missing; run src/test/resources/bgp/captures/capture.sh");
            }
            List<byte[]> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(HexFormat.of().parseHex(line.trim()));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reverse direction of a capture: bird-to-frr-ipv4 for frr-to-bird-ipv4. */
    static String reverse(String name) {
        String[] parts = name.split("-to-|-(?=ipv)");
        return parts[1] + "-to-" + parts[0] + "-" + parts[2];
    }

    static OpenMessage open(String name) {
        for (byte[] m : messages(name)) {
            if (m[18] == 1) {
                try {
                    return (OpenMessage) MessageCodec.decode(m, null);
                } catch (MalformedMessageException e) {
                    throw new AssertionError(e);
                }
            }
        }
        throw new AssertionError("no OPEN in " + name);
    }

    /** The context the receiver of a capture decoded its UPDATEs with, from both OPENs. */
    static UpdateContext context(String name) {
        OpenMessage sent = open(name);
        OpenMessage received = open(reverse(name));
        boolean as4 = sent.capability(Capability.FourOctetAs.class) != null && received.capability(Capability.FourOctetAs.class) != null;
        long peerAs = sent.autonomousSystem();
        long localAs = received.autonomousSystem();
        return new UpdateContext(as4, peerAs == localAs, peerAs, localAs, true, Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST), null,
                null);
    }

    static List<BgpMessage> decoded(String name) {
        UpdateContext ctx = context(name);
        List<BgpMessage> out = new ArrayList<>();
        for (byte[] m : messages(name)) {
            try {
                out.add(MessageCodec.decode(m, ctx));
            } catch (MalformedMessageException e) {
                throw new AssertionError(name + ": " + e.getMessage() + ": " + HexFormat.of().formatHex(m), e);
            }
        }
        return out;
    }
}
