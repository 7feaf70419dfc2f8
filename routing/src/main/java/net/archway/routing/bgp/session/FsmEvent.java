package net.archway.routing.bgp.session;

/**
 * The events of the BGP finite state machine, numbered and named as in RFC 4271 §8.1. Events
 * 6 and 7 (damped automatic starts) are folded into 3 and 5 with the IdleHoldTimer (13); 14
 * and 15 (TCP connection validation) are the transport's; 8 (AutomaticStop) is the upper layer's
 * teardown (prefix limit, BFD).
 */
public enum FsmEvent {
    MANUAL_START(1, "ManualStart"),
    MANUAL_STOP(2, "ManualStop"),
    AUTOMATIC_START(3, "AutomaticStart"),
    MANUAL_START_WITH_PASSIVE_TCP_ESTABLISHMENT(4, "ManualStart_with_PassiveTcpEstablishment"),
    AUTOMATIC_START_WITH_PASSIVE_TCP_ESTABLISHMENT(5, "AutomaticStart_with_PassiveTcpEstablishment"),
    AUTOMATIC_STOP(8, "AutomaticStop"),
    CONNECT_RETRY_TIMER_EXPIRES(9, "ConnectRetryTimer_Expires"),
    HOLD_TIMER_EXPIRES(10, "HoldTimer_Expires"),
    KEEPALIVE_TIMER_EXPIRES(11, "KeepaliveTimer_Expires"),
    DELAY_OPEN_TIMER_EXPIRES(12, "DelayOpenTimer_Expires"),
    IDLE_HOLD_TIMER_EXPIRES(13, "IdleHoldTimer_Expires"),
    TCP_CR_ACKED(16, "Tcp_CR_Acked"),
    TCP_CONNECTION_CONFIRMED(17, "TcpConnectionConfirmed"),
    TCP_CONNECTION_FAILS(18, "TcpConnectionFails"),
    BGP_OPEN(19, "BGPOpen"),
    BGP_OPEN_WITH_DELAY_OPEN_TIMER_RUNNING(20, "BGPOpen with DelayOpenTimer running"),
    BGP_HEADER_ERR(21, "BGPHeaderErr"),
    BGP_OPEN_MSG_ERR(22, "BGPOpenMsgErr"),
    OPEN_COLLISION_DUMP(23, "OpenCollisionDump"),
    NOTIF_MSG_VER_ERR(24, "NotifMsgVerErr"),
    NOTIF_MSG(25, "NotifMsg"),
    KEEPALIVE_MSG(26, "KeepAliveMsg"),
    UPDATE_MSG(27, "UpdateMsg"),
    UPDATE_MSG_ERR(28, "UpdateMsgErr");

    private final int number;
    private final String rfcName;

    FsmEvent(int number, String rfcName) {
        this.number = number;
        this.rfcName = rfcName;
    }

    public int number() {
        return number;
    }

    @Override
    public String toString() {
        return rfcName;
    }
}
