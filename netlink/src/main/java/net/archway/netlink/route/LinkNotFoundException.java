package net.archway.netlink.route;

import net.archway.netlink.NetlinkException;

/** An interface named in a request does not exist in the namespace. */
public final class LinkNotFoundException extends NetlinkException {
    private final String link;

    public LinkNotFoundException(String link, String namespace) {
        super("interface '" + link + "' does not exist" + (namespace == null ? "" : " in network namespace " + namespace));
        this.link = link;
    }

    public String link() {
        return link;
    }
}
