package net.archway.netlink.xfrm;

import java.util.List;

/**
 * An IPsec policy (xfrm_userpolicy_info with XFRMA_TMPL, XFRMA_MARK, XFRMA_IF_ID): traffic
 * matching {@code selector} in {@code direction} is allowed through the templates' SAs or blocked.
 *
 * @param index  the kernel's policy index (0 when adding: the kernel assigns one)
 * @param action 0 allow, 1 block
 * @param flags  XFRM_POLICY_LOCALOK, XFRM_POLICY_ICMP
 */
public record XfrmPolicy(XfrmSelector selector, XfrmDirection direction, int priority, int index, int action,
                         int flags, int share, List<XfrmTemplate> templates, XfrmMark mark, int ifId,
                         XfrmLifetime lifetime) {
    public static final int ACTION_ALLOW = 0;
    public static final int ACTION_BLOCK = 1;

    public XfrmPolicy {
        templates = List.copyOf(templates);
        if (lifetime == null) {
            lifetime = XfrmLifetime.UNLIMITED;
        }
        if (selector == null) {
            selector = XfrmSelector.ANY;
        }
    }

    /** Traffic matching {@code selector} in {@code direction} goes through SAs matching {@code templates}. */
    public static XfrmPolicy allow(XfrmSelector selector, XfrmDirection direction, int priority,
                                   XfrmTemplate... templates) {
        return new XfrmPolicy(selector, direction, priority, 0, ACTION_ALLOW, 0, 0, List.of(templates), null, 0,
                XfrmLifetime.UNLIMITED);
    }

    /** Traffic matching {@code selector} in {@code direction} is dropped. */
    public static XfrmPolicy block(XfrmSelector selector, XfrmDirection direction, int priority) {
        return new XfrmPolicy(selector, direction, priority, 0, ACTION_BLOCK, 0, 0, List.of(), null, 0,
                XfrmLifetime.UNLIMITED);
    }

    public XfrmPolicy withMark(XfrmMark mark) {
        return new XfrmPolicy(selector, direction, priority, index, action, flags, share, templates, mark, ifId, lifetime);
    }

    /** Binds the policy to the XFRM interface with this if_id. */
    public XfrmPolicy withIfId(int ifId) {
        return new XfrmPolicy(selector, direction, priority, index, action, flags, share, templates, mark, ifId, lifetime);
    }

    public XfrmPolicy withPriority(int priority) {
        return new XfrmPolicy(selector, direction, priority, index, action, flags, share, templates, mark, ifId, lifetime);
    }

    public XfrmPolicy withIndex(int index) {
        return new XfrmPolicy(selector, direction, priority, index, action, flags, share, templates, mark, ifId, lifetime);
    }

    @Override
    public String toString() {
        return "policy " + selector + " dir " + direction.name().toLowerCase() + " priority "
                + Integer.toUnsignedString(priority) + (action == ACTION_BLOCK ? " block" : "")
                + (ifId != 0 ? " if_id " + ifId : "");
    }
}
