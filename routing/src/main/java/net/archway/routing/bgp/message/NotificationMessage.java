package net.archway.routing.bgp.message;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * NOTIFICATION (RFC 4271 §4.5): error code, subcode and data. For Cease with Administrative
 * Shutdown or Administrative Reset the data may be a shutdown communication (RFC 8203): a
 * length octet and up to 128 octets of UTF-8 that an operator wrote.
 */
public final class NotificationMessage implements BgpMessage {
    /** RFC 8203 §2: the longest shutdown communication. */
    public static final int MAX_SHUTDOWN_COMMUNICATION = 128;

    private final ErrorSubcode subcode;
    private final byte[] data;

    public NotificationMessage(ErrorSubcode subcode, byte[] data) {
        this.subcode = subcode;
        this.data = data == null ? new byte[0] : data.clone();
    }

    public NotificationMessage(ErrorSubcode subcode) {
        this(subcode, null);
    }

    /**
     * A Cease (Administrative Shutdown or Reset) carrying an operator's message, cut at a
     * character boundary to the 128 octets RFC 8203 allows.
     */
    public static NotificationMessage shutdown(ErrorSubcode subcode, String message) {
        if (message == null || message.isEmpty()) {
            return new NotificationMessage(subcode);
        }
        byte[] utf8 = message.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(utf8.length, MAX_SHUTDOWN_COMMUNICATION);
        while (n < utf8.length && n > 0 && (utf8[n] & 0xc0) == 0x80) {
            n--; // do not cut inside a multi-octet character
        }
        byte[] d = new byte[n + 1];
        d[0] = (byte) n;
        System.arraycopy(utf8, 0, d, 1, n);
        return new NotificationMessage(subcode, d);
    }

    public ErrorCode code() {
        return subcode.code();
    }

    public ErrorSubcode subcode() {
        return subcode;
    }

    public byte[] data() {
        return data.clone();
    }

    int dataLength() {
        return data.length;
    }

    byte[] rawData() {
        return data;
    }

    /**
     * The shutdown communication of a Cease/Administrative Shutdown or Reset (RFC 8203 §2), if
     * the data holds a well-formed one (a length that fits and valid UTF-8; RFC 8203 §3 says a
     * malformed one is not shown).
     */
    public Optional<String> shutdownCommunication() {
        if (!subcode.equals(ErrorSubcode.ADMINISTRATIVE_SHUTDOWN) && !subcode.equals(ErrorSubcode.ADMINISTRATIVE_RESET)) {
            return Optional.empty();
        }
        if (data.length == 0) {
            return Optional.empty();
        }
        int n = data[0] & 0xff;
        // RFC 9003 raised the limit to 255 octets; accept what fits in the data either way.
        if (n == 0 || n + 1 > data.length) {
            return Optional.empty();
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data, 1, n)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    @Override
    public MessageType type() {
        return MessageType.NOTIFICATION;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NotificationMessage n && n.subcode.equals(subcode) && Arrays.equals(n.data, data);
    }

    @Override
    public int hashCode() {
        return subcode.hashCode() * 31 + Arrays.hashCode(data);
    }

    /** {@code Cease/Administrative Shutdown: "maintenance until 22:00"}, or with the data in hex. */
    @Override
    public String toString() {
        Optional<String> text = shutdownCommunication();
        if (text.isPresent()) {
            return subcode + ": \"" + text.get().replace("\"", "\\\"") + "\"";
        }
        return data.length == 0 ? subcode.toString() : subcode + " (data " + Wire.hex(data, 0, Math.min(data.length, 64)) + ")";
    }
}
