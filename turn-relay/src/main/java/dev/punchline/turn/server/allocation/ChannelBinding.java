package dev.punchline.turn.server.allocation;

import java.net.InetSocketAddress;

/**
 * A channel number bound to one peer transport address, and when that binding lapses. It also keeps what the packet
 * path would otherwise look up per datagram: the peer's permission (the one the ChannelBind installed, or a later one)
 * and whether the peer is one of this server's relay addresses (fixed for the server's life). Loop-confined.
 */
final class ChannelBinding {
    final int number;
    final InetSocketAddress peer;
    final boolean toOwnRelay;
    Permission permission;
    long expiresAt;

    ChannelBinding(int number, InetSocketAddress peer, boolean toOwnRelay) {
        this.number = number;
        this.peer = peer;
        this.toOwnRelay = toOwnRelay;
    }
}
