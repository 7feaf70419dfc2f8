package net.archway.netlink.xfrm;

import net.archway.netlink.message.AttributeSchema;

/**
 * Numbers of XFRM netlink (linux/xfrm.h): message types, groups, structure sizes (x86-64 and
 * arm64 share them), attribute types and flags. Every number here is listed in netlink/DESIGN.md.
 */
public final class Xfrm {
    private Xfrm() {
    }

    public static final int XFRM_MSG_NEWSA = 0x10;
    public static final int XFRM_MSG_DELSA = 0x11;
    public static final int XFRM_MSG_GETSA = 0x12;
    public static final int XFRM_MSG_NEWPOLICY = 0x13;
    public static final int XFRM_MSG_DELPOLICY = 0x14;
    public static final int XFRM_MSG_GETPOLICY = 0x15;
    public static final int XFRM_MSG_ALLOCSPI = 0x16;
    public static final int XFRM_MSG_ACQUIRE = 0x17;
    public static final int XFRM_MSG_EXPIRE = 0x18;
    public static final int XFRM_MSG_UPDPOLICY = 0x19;
    public static final int XFRM_MSG_UPDSA = 0x1a;
    public static final int XFRM_MSG_POLEXPIRE = 0x1b;
    public static final int XFRM_MSG_FLUSHSA = 0x1c;
    public static final int XFRM_MSG_FLUSHPOLICY = 0x1d;

    public static final int XFRMNLGRP_ACQUIRE = 1;
    public static final int XFRMNLGRP_EXPIRE = 2;
    public static final int XFRMNLGRP_SA = 3;
    public static final int XFRMNLGRP_POLICY = 4;

    // structure sizes
    public static final int SELECTOR_SIZE = 56;
    public static final int ID_SIZE = 24;
    public static final int LIFETIME_CFG_SIZE = 64;
    public static final int LIFETIME_CUR_SIZE = 32;
    public static final int STATS_SIZE = 12;
    public static final int USERSA_INFO_SIZE = 224;
    public static final int USERSA_ID_SIZE = 24;
    public static final int USERSPI_INFO_SIZE = 232;
    public static final int USERSA_FLUSH_SIZE = 1;
    public static final int USERPOLICY_INFO_SIZE = 168;
    public static final int USERPOLICY_ID_SIZE = 64;
    public static final int USER_TMPL_SIZE = 64;
    public static final int USER_EXPIRE_SIZE = 232;
    public static final int USER_POLEXPIRE_SIZE = 176;
    public static final int USER_ACQUIRE_SIZE = 280;
    public static final int ALGO_NAME_SIZE = 64;
    public static final int ENCAP_TMPL_SIZE = 24;
    public static final int REPLAY_ESN_SIZE = 24;

    // attributes
    public static final int XFRMA_ALG_AUTH = 1;
    public static final int XFRMA_ALG_CRYPT = 2;
    public static final int XFRMA_ALG_COMP = 3;
    public static final int XFRMA_ENCAP = 4;
    public static final int XFRMA_TMPL = 5;
    public static final int XFRMA_SA = 6;
    public static final int XFRMA_POLICY = 7;
    public static final int XFRMA_SEC_CTX = 8;
    public static final int XFRMA_LTIME_VAL = 9;
    public static final int XFRMA_REPLAY_VAL = 10;
    public static final int XFRMA_REPLAY_THRESH = 11;
    public static final int XFRMA_ETIMER_THRESH = 12;
    public static final int XFRMA_SRCADDR = 13;
    public static final int XFRMA_COADDR = 14;
    public static final int XFRMA_LASTUSED = 15;
    public static final int XFRMA_POLICY_TYPE = 16;
    public static final int XFRMA_MIGRATE = 17;
    public static final int XFRMA_ALG_AEAD = 18;
    public static final int XFRMA_KMADDRESS = 19;
    public static final int XFRMA_ALG_AUTH_TRUNC = 20;
    public static final int XFRMA_MARK = 21;
    public static final int XFRMA_TFCPAD = 22;
    public static final int XFRMA_REPLAY_ESN_VAL = 23;
    public static final int XFRMA_SA_EXTRA_FLAGS = 24;
    public static final int XFRMA_PROTO = 25;
    public static final int XFRMA_ADDRESS_FILTER = 26;
    public static final int XFRMA_PAD = 27;
    public static final int XFRMA_OFFLOAD_DEV = 28;
    public static final int XFRMA_SET_MARK = 29;
    public static final int XFRMA_SET_MARK_MASK = 30;
    public static final int XFRMA_IF_ID = 31;
    public static final int XFRMA_MAX = 40;

    // SA flags (xfrm_usersa_info.flags)
    public static final int XFRM_STATE_NOECN = 1;
    public static final int XFRM_STATE_DECAP_DSCP = 2;
    public static final int XFRM_STATE_NOPMTUDISC = 4;
    public static final int XFRM_STATE_WILDRECV = 8;
    public static final int XFRM_STATE_ICMP = 16;
    public static final int XFRM_STATE_AF_UNSPEC = 32;
    public static final int XFRM_STATE_ALIGN4 = 64;
    public static final int XFRM_STATE_ESN = 128;

    public static final int IPPROTO_ESP = 50;
    public static final int IPPROTO_AH = 51;
    public static final int IPPROTO_COMP = 108;

    /** UDP_ENCAP_ESPINUDP: RFC 3948 NAT traversal. */
    public static final int UDP_ENCAP_ESPINUDP = 2;

    /** XFRM_INF: no limit. */
    public static final long INFINITE = -1L;

    public static final AttributeSchema ATTRS = AttributeSchema.named(
            XFRMA_ALG_AUTH, "XFRMA_ALG_AUTH", XFRMA_ALG_CRYPT, "XFRMA_ALG_CRYPT", XFRMA_ALG_COMP, "XFRMA_ALG_COMP",
            XFRMA_ENCAP, "XFRMA_ENCAP", XFRMA_TMPL, "XFRMA_TMPL", XFRMA_SA, "XFRMA_SA", XFRMA_POLICY, "XFRMA_POLICY",
            XFRMA_SEC_CTX, "XFRMA_SEC_CTX", XFRMA_LTIME_VAL, "XFRMA_LTIME_VAL", XFRMA_REPLAY_VAL, "XFRMA_REPLAY_VAL",
            XFRMA_REPLAY_THRESH, "XFRMA_REPLAY_THRESH", XFRMA_ETIMER_THRESH, "XFRMA_ETIMER_THRESH",
            XFRMA_SRCADDR, "XFRMA_SRCADDR", XFRMA_COADDR, "XFRMA_COADDR", XFRMA_LASTUSED, "XFRMA_LASTUSED",
            XFRMA_POLICY_TYPE, "XFRMA_POLICY_TYPE", XFRMA_MIGRATE, "XFRMA_MIGRATE", XFRMA_ALG_AEAD, "XFRMA_ALG_AEAD",
            XFRMA_KMADDRESS, "XFRMA_KMADDRESS", XFRMA_ALG_AUTH_TRUNC, "XFRMA_ALG_AUTH_TRUNC", XFRMA_MARK, "XFRMA_MARK",
            XFRMA_TFCPAD, "XFRMA_TFCPAD", XFRMA_REPLAY_ESN_VAL, "XFRMA_REPLAY_ESN_VAL",
            XFRMA_SA_EXTRA_FLAGS, "XFRMA_SA_EXTRA_FLAGS", XFRMA_PROTO, "XFRMA_PROTO",
            XFRMA_ADDRESS_FILTER, "XFRMA_ADDRESS_FILTER", XFRMA_PAD, "XFRMA_PAD", XFRMA_OFFLOAD_DEV, "XFRMA_OFFLOAD_DEV",
            XFRMA_SET_MARK, "XFRMA_SET_MARK", XFRMA_SET_MARK_MASK, "XFRMA_SET_MARK_MASK", XFRMA_IF_ID, "XFRMA_IF_ID");

    public static String messageName(int type) {
        return switch (type) {
            case XFRM_MSG_NEWSA -> "XFRM_MSG_NEWSA";
            case XFRM_MSG_DELSA -> "XFRM_MSG_DELSA";
            case XFRM_MSG_GETSA -> "XFRM_MSG_GETSA";
            case XFRM_MSG_NEWPOLICY -> "XFRM_MSG_NEWPOLICY";
            case XFRM_MSG_DELPOLICY -> "XFRM_MSG_DELPOLICY";
            case XFRM_MSG_GETPOLICY -> "XFRM_MSG_GETPOLICY";
            case XFRM_MSG_ALLOCSPI -> "XFRM_MSG_ALLOCSPI";
            case XFRM_MSG_ACQUIRE -> "XFRM_MSG_ACQUIRE";
            case XFRM_MSG_EXPIRE -> "XFRM_MSG_EXPIRE";
            case XFRM_MSG_UPDPOLICY -> "XFRM_MSG_UPDPOLICY";
            case XFRM_MSG_UPDSA -> "XFRM_MSG_UPDSA";
            case XFRM_MSG_POLEXPIRE -> "XFRM_MSG_POLEXPIRE";
            case XFRM_MSG_FLUSHSA -> "XFRM_MSG_FLUSHSA";
            case XFRM_MSG_FLUSHPOLICY -> "XFRM_MSG_FLUSHPOLICY";
            default -> "XFRM_MSG_" + type;
        };
    }
}
