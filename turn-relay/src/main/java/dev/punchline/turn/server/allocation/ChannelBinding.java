package dev.punchline.turn.server.allocation;

import java.net.InetSocketAddress;

/** A channel number bound to one peer transport address, and when that binding lapses. Loop-confined. */
final class ChannelBinding {
    final int number;
    final InetSocketAddress peer;
    long expiresAt;

    ChannelBinding(int number, InetSocketAddress peer, long expiresAt) {
        this.number = number;
        this.peer = peer;
        this.expiresAt = expiresAt;
    }
}
