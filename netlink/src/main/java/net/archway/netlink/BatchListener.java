package net.archway.netlink;

/** Hears how each request of a pipelined batch ended. Called on the batch's own thread, in order. */
public interface BatchListener<R extends NetlinkRequest> {
    BatchListener<NetlinkRequest> IGNORE = new BatchListener<>() {
        @Override
        public void failed(NetlinkRequest request, NetlinkKernelException error) {
        }
    };

    void failed(R request, NetlinkKernelException error);

    default void succeeded(R request) {
    }
}
