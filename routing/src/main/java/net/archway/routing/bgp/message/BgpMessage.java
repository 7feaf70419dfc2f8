package net.archway.routing.bgp.message;

/** A BGP message (RFC 4271 §4), as {@link MessageCodec} decodes and encodes it. */
public sealed interface BgpMessage permits OpenMessage, UpdateMessage, NotificationMessage, KeepaliveMessage, RouteRefreshMessage {
    MessageType type();
}
