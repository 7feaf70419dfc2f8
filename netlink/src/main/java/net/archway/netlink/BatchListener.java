package net.archway.netlink;

/**
 * Hears how each request of a pipelined batch ended, on the batch's own thread. Refusals are
 * reported as the kernel sends them; the successes of a chunk once its last answer is in.
 */
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
