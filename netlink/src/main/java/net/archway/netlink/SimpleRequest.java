package net.archway.netlink;

import java.util.function.Consumer;

import net.archway.netlink.message.AttributeSchema;
import net.archway.netlink.message.MessageWriter;

/** A request described by its parts; the codecs build most of their requests this way. */
public record SimpleRequest(int type, int flags, int headerLength, AttributeSchema schema, String describe,
                            Consumer<MessageWriter> payload) implements NetlinkRequest {
    @Override
    public void writePayload(MessageWriter w) {
        payload.accept(w);
    }
}
