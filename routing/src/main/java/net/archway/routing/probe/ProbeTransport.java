package net.archway.routing.probe;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one probe and reports its round-trip time. The future completes with the RTT when the
 * reply comes, with null when none came within {@code settings.timeout()}; it never completes
 * exceptionally for a lost probe. A transport failure (no such interface, say) completes it
 * exceptionally, and the probe counts as lost with that reason.
 */
public interface ProbeTransport extends AutoCloseable {
    CompletableFuture<Duration> send(ProbeSettings settings, int sequence);

    @Override
    void close();
}
