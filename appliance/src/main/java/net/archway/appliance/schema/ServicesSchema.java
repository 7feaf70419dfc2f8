package net.archway.appliance.schema;

import static net.archway.cli.schema.Statement.container;
import static net.archway.cli.schema.Statement.flag;
import static net.archway.cli.schema.Statement.key;
import static net.archway.cli.schema.Statement.leaf;
import static net.archway.cli.schema.Statement.list;

import net.archway.cli.schema.Statement;
import net.archway.cli.schema.ValueType;

/**
 * {@code services rpm} probes (ICMP and TCP ping with thresholds) and {@code services
 * ip-monitoring} policies that change routes when probes fail.
 */
public final class ServicesSchema {
    private ServicesSchema() {
    }

    public static Statement build() {
        return container("services", "Service PIC applications settings",
                container("rpm", "Real-time performance monitoring",
                        list("probe", "Probe owner", key("name", Types.NAME),
                                list("test", "Test name", key("name", Types.NAME),
                                        leaf("probe-type", "Probe request type", ValueType.enumeration(
                                                "icmp-ping", "Send ICMP echo request to target address",
                                                "tcp-ping", "Send TCP packets to target",
                                                "udp-ping", "Send UDP packets to target")),
                                        container("target", "Target destination for probe",
                                                leaf("address", "Address of target host", ValueType.ipAddress()))
                                                .oneLine(),
                                        leaf("source-address", "Source address for probe", ValueType.ipAddress()),
                                        leaf("destination-interface", "Name of output interface for probes",
                                                Types.INTERFACE_UNIT),
                                        leaf("destination-port", "TCP/UDP port number",
                                                ValueType.integer("<port>", 1, 65535)),
                                        leaf("probe-count", "Total number of probes per test",
                                                ValueType.integer("<count>", 1, 15)),
                                        leaf("probe-interval", "Delay between probes (seconds)",
                                                ValueType.integer("<interval>", 1, 255)),
                                        leaf("test-interval", "Delay between tests (seconds)",
                                                ValueType.integer("<interval>", 0, 86400)),
                                        container("thresholds", "Probe and test threshold values",
                                                leaf("successive-loss", "Successive probe loss count",
                                                        ValueType.integer("<count>", 0, 15)),
                                                leaf("total-loss", "Total probe loss count",
                                                        ValueType.integer("<count>", 0, 15)),
                                                leaf("rtt", "Maximum round trip time per probe (microseconds)",
                                                        ValueType.integer("<microseconds>", 0, 60000000)),
                                                leaf("jitter-rtt", "Maximum jitter per test (microseconds)",
                                                        ValueType.integer("<microseconds>", 0, 60000000))),
                                        flag("hardware-timestamp", "Packet Forwarding Engine updates timestamps")))),
                container("ip-monitoring", "IP monitoring for route action",
                        list("policy", "Define policy", key("name", Types.NAME),
                                container("match", "Define match condition for the policy",
                                        list("rpm-probe", "Probe owner to match", key("name",
                                                ValueType.reference("<probe>", "services", "rpm", "probe")))),
                                container("then", "Define actions for the policy",
                                        container("preferred-route", "Preferred route",
                                                list("route", "Destination prefix", key("name", ValueType.ipPrefix()),
                                                        leaf("next-hop", "Next hop to the destination",
                                                                ValueType.ipAddress()).mandatory(),
                                                        leaf("preferred-metric", "Metric of the preferred route",
                                                                ValueType.integer("<metric>", 1, 4294967295L))))),
                                leaf("no-preempt", "Do not move back automatically (seconds of hold-down)",
                                        ValueType.integer("<seconds>", 0, 3600)))));
    }
}
