package net.archway.routing.bgp.session;

/** The states of the BGP finite state machine (RFC 4271 §8.2.2), printed as the RFC writes them. */
public enum SessionState {
    IDLE("Idle"),
    CONNECT("Connect"),
    ACTIVE("Active"),
    OPEN_SENT("OpenSent"),
    OPEN_CONFIRM("OpenConfirm"),
    ESTABLISHED("Established");

    private final String rfcName;

    SessionState(String rfcName) {
        this.rfcName = rfcName;
    }

    @Override
    public String toString() {
        return rfcName;
    }
}
