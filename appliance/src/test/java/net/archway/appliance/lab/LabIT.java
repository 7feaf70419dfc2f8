package net.archway.appliance.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import net.archway.netlink.testing.TestNamespace;

/** The README's first command: {@code lab up} gives a working topology; {@code lab down} leaves nothing behind. */
class LabIT {
    static final String JAR = Path.of("target/archway.jar").toAbsolutePath().toString();

    private static TestNamespace.Result archway(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("java", "-jar", JAR));
        cmd.addAll(List.of(args));
        return TestNamespace.runQuietly(cmd);
    }

    @AfterEach
    void down() {
        archway("lab", "down");
    }

    @Test
    void upWorksAndDownLeavesNothingBehind() {
        TestNamespace.requireRoot();
        assertTrue(Lab.presentNamespaces().isEmpty(), "a lab is already up on this machine; take it down before the tests");
        TestNamespace.Result up = archway("lab", "up");
        assertEquals(0, up.exit(), up.output());
        assertTrue(up.output().contains("ip netns exec aw-lab-ce ssh"), "it says how to log in: " + up.output());

        TestNamespace.Result status = archway("lab", "status");
        assertEquals(0, status.exit(), status.output());
        TestNamespace.Result ping = TestNamespace.runQuietly(List.of("ip", "netns", "exec", LabTopology.SITE_HOST, "ping", "-c", "3",
                "-i", "0.2", "-W", "2", "10.17.11.132"));
        assertTrue(ping.output().contains(" 0% packet loss"), "the site host reaches the cloud host: " + ping.output());
        TestNamespace.Result show = TestNamespace.runQuietly(List.of("ip", "netns", "exec", LabTopology.SITE_ROUTER, "ssh", "-i",
                Lab.DIRECTORY.resolve("lab_key").toString(), "-o", "StrictHostKeyChecking=no", "-o",
                "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "lab@127.0.0.1", "show route 10.17.11.132"));
        assertTrue(show.output().contains("*[Static/5]"), show.output());
        TestNamespace.Result again = archway("lab", "up");
        assertEquals(1, again.exit(), "a second lab up refuses: " + again.output());

        TestNamespace.Result down = archway("lab", "down");
        assertEquals(0, down.exit(), down.output());
        assertTrue(Lab.presentNamespaces().isEmpty());
        assertFalse(Files.exists(Lab.DIRECTORY));
        String procs = TestNamespace.runQuietly(List.of("pgrep", "-f", "archway.jar run")).output().trim();
        assertEquals("", procs, "no router left running");
    }
}
