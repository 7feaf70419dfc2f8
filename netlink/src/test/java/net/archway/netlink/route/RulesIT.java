package net.archway.netlink.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import net.archway.netlink.Errno;
import net.archway.netlink.IpPrefix;
import net.archway.netlink.NetlinkKernelException;
import net.archway.netlink.testing.TestNamespace;

/** Policy-routing rules, checked against `ip -j rule show`. */
class RulesIT {
    private TestNamespace ns;
    private Rtnetlink rtnl;

    @BeforeEach
    void setUp() {
        ns = TestNamespace.create("rules");
        rtnl = Rtnetlink.open(ns.name());
    }

    @AfterEach
    void tearDown() {
        rtnl.close();
        ns.close();
    }

    private Set<String> ipRules(String family) {
        Set<String> out = new TreeSet<>();
        for (JsonNode j : ns.ipJson(family, "rule", "show")) {
            String src = j.get("src").asText();
            if (j.has("srclen")) {
                src += "/" + j.get("srclen").asInt();
            }
            String line = j.get("priority").asInt() + " from " + src;
            if (j.has("dst")) {
                line += " to " + j.get("dst").asText() + "/" + j.get("dstlen").asInt();
            }
            if (j.has("fwmark")) {
                line += " fwmark " + j.get("fwmark").asText() + "/" + j.path("fwmask").asText("0xffffffff");
            }
            if (j.has("iif")) {
                line += " iif " + j.get("iif").asText();
            }
            out.add(line + " lookup " + j.get("table").asText());
        }
        return out;
    }

    private Set<String> ourRules(int family) {
        Set<String> out = new TreeSet<>();
        for (Rule r : rtnl.rules().list(family)) {
            String line = r.priority() + " from " + (r.source() == null ? "all" : r.source().toString());
            if (r.destination() != null) {
                line += " to " + r.destination();
            }
            if (r.fwmark() != 0 || r.fwmask() != 0) {
                line += " fwmark 0x" + Integer.toHexString(r.fwmark()) + "/0x" + Integer.toHexString(r.fwmask());
            }
            if (r.inputInterface() != null) {
                line += " iif " + r.inputInterface();
            }
            String table = switch (r.table()) {
                case 255 -> "local";
                case 254 -> "main";
                case 253 -> "default";
                default -> Integer.toUnsignedString(r.table());
            };
            out.add(line + " lookup " + table);
        }
        return out;
    }

    @Test
    void addListDelete() {
        Rule fromSite = Rule.fromSource(IpPrefix.parse("10.1.0.0/16"), 100, 1000);
        Rule marked = new Rule(Rtnl.AF_INET, 1001, Rule.ACTION_TO_TABLE, 200, null, null, "lo", null, 0x10, 0xff, 0, false);
        Rule v6 = Rule.toDestination(IpPrefix.parse("2001:db8:5::/48"), 300, 1002);
        rtnl.rules().add(fromSite);
        rtnl.rules().add(marked);
        rtnl.rules().add(v6);
        assertEquals(ipRules("-4"), ourRules(Rtnl.AF_INET));
        assertEquals(ipRules("-6"), ourRules(Rtnl.AF_INET6));
        assertEquals(Set.of("1000 from 10.1.0.0/16 lookup 100", "1001 from all fwmark 0x10/0xff iif lo lookup 200"),
                new TreeSet<>(ourRules(Rtnl.AF_INET).stream().filter(l -> l.startsWith("100")).toList()));

        NetlinkKernelException dup = assertThrows(NetlinkKernelException.class, () -> rtnl.rules().add(fromSite));
        assertEquals(Errno.EEXIST, dup.errno());

        rtnl.rules().delete(fromSite);
        rtnl.rules().delete(marked);
        rtnl.rules().delete(v6);
        assertEquals(ipRules("-4"), ourRules(Rtnl.AF_INET));
        assertEquals(3, rtnl.rules().list(Rtnl.AF_INET).size(), "back to local, main and default");
        NetlinkKernelException gone = assertThrows(NetlinkKernelException.class, () -> rtnl.rules().delete(fromSite));
        assertEquals(Errno.ENOENT, gone.errno());
    }
}
