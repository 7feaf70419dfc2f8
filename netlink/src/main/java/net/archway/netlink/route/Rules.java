package net.archway.netlink.route;

import java.util.List;

import net.archway.netlink.NetlinkConnection;

/** Policy-routing rules: list, add, delete. */
public final class Rules {
    private final NetlinkConnection connection;

    Rules(NetlinkConnection connection) {
        this.connection = connection;
    }

    public List<Rule> list(int family) {
        return connection.dump(RuleCodec.dump(family), RuleCodec::decode);
    }

    public void add(Rule rule) {
        connection.execute(RuleCodec.add(rule));
    }

    public void delete(Rule rule) {
        connection.execute(RuleCodec.delete(rule));
    }
}
