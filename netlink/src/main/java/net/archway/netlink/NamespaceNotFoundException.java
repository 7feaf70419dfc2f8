package net.archway.netlink;

/** A named network namespace ({@code /var/run/netns/NAME}) does not exist. */
public final class NamespaceNotFoundException extends NetlinkException {
    private final String namespace;

    public NamespaceNotFoundException(String namespace, String path) {
        super("network namespace '" + namespace + "' does not exist (no " + path
                + "); create it with `ip netns add " + namespace + "`");
        this.namespace = namespace;
    }

    public String namespace() {
        return namespace;
    }
}
