package net.archway.netlink.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One iproute2 capture made by {@code vectors/capture.sh}: the command, and every netlink
 * message iproute2 sent, split out of strace's hex dumps (-e write=all).
 */
public record StraceVector(String name, String command, List<byte[]> messages) {

    public static StraceVector load(String name) {
        String resource = "/vectors/" + name + ".strace";
        try (InputStream in = StraceVector.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("no vector " + resource + "; run netlink/src/test/resources/vectors/capture.sh");
            }
            return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StraceVector parse(String name, String text) {
        String command = "";
        List<byte[]> buffers = new ArrayList<>();
        ByteArrayOutputStream current = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("# command: ")) {
                command = line.substring("# command: ".length());
            } else if (line.startsWith(" * ") || line.startsWith("sendto(")) {
                if (current != null) {
                    buffers.add(current.toByteArray());
                }
                current = new ByteArrayOutputStream();
            } else if (line.startsWith(" | ") && current != null && line.length() > 10) {
                String hex = line.substring(10, Math.min(line.length(), 59));
                for (String token : hex.trim().split("\\s+")) {
                    if (token.length() == 2) {
                        current.write(Integer.parseInt(token, 16));
                    }
                }
            }
        }
        if (current != null) {
            buffers.add(current.toByteArray());
        }
        List<byte[]> messages = new ArrayList<>();
        for (byte[] buf : buffers) {
            ByteBuffer b = ByteBuffer.wrap(buf).order(ByteOrder.nativeOrder());
            int p = 0;
            while (p + 16 <= buf.length) {
                int len = b.getInt(p);
                if (len < 16 || p + len > buf.length) {
                    break;
                }
                byte[] m = new byte[len];
                System.arraycopy(buf, p, m, 0, len);
                messages.add(m);
                p += (len + 3) & ~3;
            }
        }
        return new StraceVector(name, command, messages);
    }

    /** The last message of nlmsg_type {@code type} that iproute2 sent (earlier ones look up names). */
    public byte[] last(int type) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            byte[] m = messages.get(i);
            if (((m[4] & 0xff) | (m[5] & 0xff) << 8) == type) {
                return m;
            }
        }
        throw new AssertionError("vector " + name + " (" + command + ") has no message of type " + type);
    }
}
