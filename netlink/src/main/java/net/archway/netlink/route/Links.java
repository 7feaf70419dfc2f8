package net.archway.netlink.route;

import java.util.List;
import java.util.Optional;

import net.archway.netlink.Errno;
import net.archway.netlink.NetlinkConnection;
import net.archway.netlink.NetlinkIoException;
import net.archway.netlink.NetlinkKernelException;
import net.archway.netlink.socket.LibC;
import net.archway.netlink.socket.NetworkNamespace;

/** Network interfaces: list, look up, create, delete, up/down, MTU, rename, move to a namespace. */
public final class Links {
    private final NetlinkConnection connection;

    Links(NetlinkConnection connection) {
        this.connection = connection;
    }

    public List<Link> list() {
        return connection.dump(LinkCodec.dump(), LinkCodec::decode);
    }

    /** The link named {@code name}, or empty if there is none. */
    public Optional<Link> get(String name) {
        try {
            return Optional.of(connection.query(LinkCodec.get(name), LinkCodec::decode));
        } catch (NetlinkKernelException e) {
            if (e.errno().equals(Errno.ENODEV)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public Optional<Link> get(int index) {
        try {
            return Optional.of(connection.query(LinkCodec.get(index), LinkCodec::decode));
        } catch (NetlinkKernelException e) {
            if (e.errno().equals(Errno.ENODEV)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The link named {@code name}; a missing one is a {@link LinkNotFoundException}. */
    public Link require(String name) {
        return get(name).orElseThrow(() -> new LinkNotFoundException(name, connection.namespace()));
    }

    public int indexOf(String name) {
        return require(name).index();
    }

    /** Creates a link; its parent or underlay, if any, must exist. */
    public void create(LinkSpec spec) {
        int parent = 0;
        String parentName = null;
        if (spec instanceof LinkSpec.Vlan v) {
            parentName = v.parent();
        } else if (spec instanceof LinkSpec.Macvlan v) {
            parentName = v.parent();
        } else if (spec instanceof LinkSpec.Vxlan v) {
            parentName = v.underlay();
        } else if (spec instanceof LinkSpec.Xfrm v) {
            parentName = v.underlay();
        }
        if (parentName != null) {
            parent = indexOf(parentName);
        }
        String peerNamespace = spec instanceof LinkSpec.Veth v ? v.peerNamespace() : null;
        if (peerNamespace == null) {
            connection.execute(LinkCodec.create(spec, parent, -1));
            return;
        }
        int fd = openNamespace(peerNamespace);
        try {
            connection.execute(LinkCodec.create(spec, parent, fd));
        } finally {
            LibC.INSTANCE.close(fd);
        }
    }

    public void delete(String name) {
        connection.execute(LinkCodec.delete(indexOf(name), name));
    }

    public void setUp(String name) {
        connection.execute(LinkCodec.setUp(indexOf(name), name, true));
    }

    public void setDown(String name) {
        connection.execute(LinkCodec.setUp(indexOf(name), name, false));
    }

    public void setMtu(String name, int mtu) {
        connection.execute(LinkCodec.setMtu(indexOf(name), name, mtu));
    }

    public void rename(String name, String newName) {
        Link.checkName(newName);
        connection.execute(LinkCodec.rename(indexOf(name), name, newName));
    }

    /** Sets the interface description (IFLA_IFALIAS); an empty text clears it. */
    public void setAlias(String name, String alias) {
        connection.execute(LinkCodec.setAlias(indexOf(name), name, alias));
    }

    /** Moves a link into another named network namespace. */
    public void moveToNamespace(String name, String namespace) {
        int index = indexOf(name);
        int fd = openNamespace(namespace);
        try {
            connection.execute(LinkCodec.moveToNamespace(index, name, fd, namespace));
        } finally {
            LibC.INSTANCE.close(fd);
        }
    }

    private static int openNamespace(String namespace) {
        String path = NetworkNamespace.path(namespace).toString();
        int fd = LibC.INSTANCE.open(path, LibC.O_RDONLY | LibC.O_CLOEXEC);
        if (fd < 0) {
            Errno errno = Errno.valueOf(LibC.errno());
            if (errno.equals(Errno.ENOENT)) {
                throw new net.archway.netlink.NamespaceNotFoundException(namespace, path);
            }
            throw new NetlinkIoException("open", errno, path);
        }
        return fd;
    }
}
