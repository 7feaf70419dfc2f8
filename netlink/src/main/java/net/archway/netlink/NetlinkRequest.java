package net.archway.netlink;

import net.archway.netlink.message.AttributeSchema;
import net.archway.netlink.message.MessageWriter;

/**
 * One request to the kernel. Encoders write the whole message (header included) with the
 * sequence number and flags they are given; the connection adds NLM_F_ACK where it wants an
 * acknowledgement.
 */
public interface NetlinkRequest {

    /** The nlmsg_type, for example RTM_NEWROUTE. */
    int type();

    /** The nlmsg_flags besides NLM_F_REQUEST and NLM_F_ACK (CREATE, EXCL, REPLACE, DUMP...). */
    int flags();

    /** Writes the payload: the family's fixed header, then the attributes. */
    void writePayload(MessageWriter w);

    /** What this request asks, for errors: {@code RTM_NEWROUTE 10.0.0.0/24 table 254}. */
    String describe();

    /** Length of the family's fixed header, to find the attributes for extended-ACK offsets. */
    default int headerLength() {
        return 0;
    }

    /** Names of this request's attributes, for extended-ACK offsets; null if unknown. */
    default AttributeSchema schema() {
        return null;
    }

    /** Writes the complete message. */
    default int write(MessageWriter w, int seq, int portId, int extraFlags) {
        int start = w.beginMessage(type(), flags() | extraFlags | net.archway.netlink.message.Nl.NLM_F_REQUEST, seq, portId);
        writePayload(w);
        w.endMessage(start);
        return start;
    }
}
