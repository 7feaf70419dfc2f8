package net.archway.netlink.xfrm;

import java.net.InetAddress;

/** What the kernel announces on the XFRM multicast groups. */
public sealed interface XfrmEvent {

    /** An SA reached a soft (rekey now) or hard (it is gone) limit: XFRM_MSG_EXPIRE. */
    record SaExpired(XfrmSa sa, boolean hard) implements XfrmEvent {
    }

    /**
     * Traffic matched a policy with no SA: the key manager should negotiate one
     * (XFRM_MSG_ACQUIRE). {@code sequence} ties the answer to this request.
     */
    record Acquire(InetAddress source, InetAddress destination, int protocol, XfrmSelector selector,
                   XfrmPolicy policy, int sequence) implements XfrmEvent {
    }

    /** A policy reached a soft or hard limit: XFRM_MSG_POLEXPIRE. */
    record PolicyExpired(XfrmPolicy policy, boolean hard) implements XfrmEvent {
    }

    /** An SA was added, updated or deleted (group XFRMNLGRP_SA). */
    record SaChanged(boolean removed, XfrmSa sa) implements XfrmEvent {
    }

    /** A policy was added, updated or deleted (group XFRMNLGRP_POLICY). */
    record PolicyChanged(boolean removed, XfrmPolicy policy) implements XfrmEvent {
    }

    /** The XFRM multicast groups a subscription can join. */
    enum Group {
        ACQUIRE(Xfrm.XFRMNLGRP_ACQUIRE), EXPIRE(Xfrm.XFRMNLGRP_EXPIRE), SA(Xfrm.XFRMNLGRP_SA),
        POLICY(Xfrm.XFRMNLGRP_POLICY);

        private final int number;

        Group(int number) {
            this.number = number;
        }

        public int number() {
            return number;
        }
    }
}
