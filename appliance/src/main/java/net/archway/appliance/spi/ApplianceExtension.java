package net.archway.appliance.spi;

import net.archway.cli.ManagementPlane;

/**
 * Something the firmware adds to the appliance without the appliance depending on it (the
 * image module's system software commands): found with {@link java.util.ServiceLoader} on the
 * classpath ({@code META-INF/services/net.archway.appliance.spi.ApplianceExtension}).
 */
public interface ApplianceExtension {
    /** Adds operational commands (a later command with the same words replaces an earlier one). */
    void register(ManagementPlane.Builder management);

    /**
     * The appliance runs and has loaded its configuration (called once per start).
     *
     * @param configurationLoaded false when the committed configuration could not be applied
     */
    default void running(boolean configurationLoaded) {
    }
}
