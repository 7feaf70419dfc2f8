package net.archway.routing.bfd;

/**
 * One client's registration on a BFD session, returned by {@link Bfd#add}. Closing it removes the
 * client; the session goes when its last client does.
 */
public interface BfdClient extends AutoCloseable {
    BfdSessionSettings settings();

    /** Changes this client's settings; a change of peer, local address, interface or hop mode moves it to another session. */
    void update(BfdSessionSettings settings);

    @Override
    void close();
}
