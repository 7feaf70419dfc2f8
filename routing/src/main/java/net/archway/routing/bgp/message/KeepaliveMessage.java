package net.archway.routing.bgp.message;

/** KEEPALIVE (RFC 4271 §4.4): the header alone. */
public final class KeepaliveMessage implements BgpMessage {
    public static final KeepaliveMessage INSTANCE = new KeepaliveMessage();

    private KeepaliveMessage() {
    }

    @Override
    public MessageType type() {
        return MessageType.KEEPALIVE;
    }

    @Override
    public String toString() {
        return "KEEPALIVE";
    }
}
