package net.archway.appliance.schema;

import java.util.List;

import net.archway.cli.config.ConfigCheck;
import net.archway.cli.schema.Schema;

/**
 * Archway's configuration language: every top-level hierarchy, in Junos syntax, and the checks
 * that go beyond the schema. Subsystems give the statements their effect.
 */
public final class ArchwaySchema {
    private ArchwaySchema() {
    }

    public static Schema build() {
        return Schema.builder()
                .add(SystemSchema.build(), InterfacesSchema.build(), RoutingOptionsSchema.build(),
                        ProtocolsSchema.build(), PolicyOptionsSchema.build(), SecuritySchema.build(),
                        ServicesSchema.build())
                .build();
    }

    /** The checks to register with the management plane beside the schema. */
    public static List<ConfigCheck> checks() {
        return List.of(ProtocolsSchema.check(), SecuritySchema.check());
    }
}
