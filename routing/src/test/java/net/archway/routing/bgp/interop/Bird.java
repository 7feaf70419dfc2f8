package net.archway.routing.bgp.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.archway.netlink.testing.TestNamespace;

/** BIRD 2 with its own control socket; birdc reads it. */
public final class Bird extends PeerDaemon {
    public Bird(TestNamespace ns, String config) {
        super(ns, "bird");
        requireProgram("/usr/sbin/bird", "bird2");
        requireProgram("/usr/sbin/birdc", "bird2");
        write("bird.conf", "log \"" + dir.resolve("bird.log") + "\" all;\n" + config);
        startForking(dir.resolve("bird.pid"), List.of("/usr/sbin/bird", "-c", dir.resolve("bird.conf").toString(), "-s",
                dir.resolve("bird.ctl").toString(), "-P", dir.resolve("bird.pid").toString()));
    }

    /** birdc with one command (quoted parts stay together: birdc joins its arguments with spaces). */
    public String birdc(String command) {
        return exec("/usr/sbin/birdc", "-s", dir.resolve("bird.ctl").toString(), command);
    }

    /** {@code show route all for PREFIX}, or null when BIRD has no route. */
    public String route(String prefix) {
        TestNamespace.Result r = TestNamespace.runQuietly(List.of("ip", "netns", "exec", ns.name(), "/usr/sbin/birdc", "-s",
                dir.resolve("bird.ctl").toString(), "show route all for " + prefix));
        return r.exit() == 0 && r.output().contains("BGP.as_path") ? r.output() : null;
    }

    public String protocol(String name) {
        return birdc("show protocols all " + name);
    }

    public boolean established(String protocol) {
        return protocol(protocol).contains("BGP state:          Established");
    }

    /** The value of {@code BGP.<attribute>:} in a route's text, or null. */
    public static String attribute(String route, String attribute) {
        Matcher m = Pattern.compile("BGP\\." + Pattern.quote(attribute) + ": (.*)").matcher(route);
        return m.find() ? m.group(1).trim() : null;
    }

    @Override
    public String log() {
        try {
            return Files.readString(dir.resolve("bird.log"));
        } catch (IOException e) {
            return "(no bird.log: " + e + ")";
        }
    }
}
