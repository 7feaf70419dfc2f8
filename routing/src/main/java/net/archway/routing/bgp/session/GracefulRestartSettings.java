package net.archway.routing.bgp.session;

import java.time.Duration;
import java.util.Set;

import net.archway.routing.bgp.message.Family;

/**
 * What this speaker advertises in the Graceful Restart capability (RFC 4724 §3, the N bit of
 * RFC 8538). Only the capability is this package's; keeping routes and forwarding across a
 * restart is the upper layer's.
 *
 * @param restartTime how long the peer should keep our routes after the session drops (0-4095 s)
 * @param restarting the Restart State bit: set when this speaker has just restarted
 * @param notification the N bit: graceful restart also after a NOTIFICATION (RFC 8538)
 * @param forwardingPreserved families whose forwarding state was kept across the restart (F bit)
 */
public record GracefulRestartSettings(Duration restartTime, boolean restarting, boolean notification, Set<Family> forwardingPreserved) {
    public GracefulRestartSettings {
        if (restartTime.isNegative() || restartTime.toSeconds() > 4095) {
            throw new IllegalArgumentException("graceful restart time " + restartTime.toSeconds() + " s is outside 0-4095 s");
        }
        forwardingPreserved = Set.copyOf(forwardingPreserved);
    }

    /** Helper mode with the usual 120 s restart time. */
    public static GracefulRestartSettings helper() {
        return new GracefulRestartSettings(Duration.ofSeconds(120), false, false, Set.of());
    }
}
