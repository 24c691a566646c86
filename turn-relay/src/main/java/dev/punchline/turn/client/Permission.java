package dev.punchline.turn.client;

import java.net.InetAddress;

/** What the client knows of one permission on the server (RFC 8656 §9), keyed by the peer's IP address. */
final class Permission extends Lease {
    final InetAddress address;
    /** Until when the client does not ask again after the server refused it. */
    volatile long refusedUntil = longAgo();
    /** Executor-confined. */
    final Backoff refusals = new Backoff();

    Permission(InetAddress address) {
        this.address = address;
    }

    boolean refusedAt(long now) {
        return refusedUntil - now > 0;
    }

    void granted(long validUntil) {
        this.validUntil = validUntil;
        this.refusedUntil = longAgo();
        refusals.reset();
    }

    void refused(long now) {
        validUntil = longAgo();
        refusedUntil = now + refusals.nextDelayNanos();
    }
}
