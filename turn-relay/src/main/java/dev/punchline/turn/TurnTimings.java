package dev.punchline.turn;

import java.time.Duration;

/** Every timing constant of the TURN codec, client and server, each with the reason for its value. */
public final class TurnTimings {

    /** RFC 8656 §7.2: the lifetime a server grants when the client asks for none or for less. */
    public static final Duration DEFAULT_ALLOCATION_LIFETIME = Duration.ofSeconds(600);

    /**
     * RFC 8656 §7.2 lets the server cap requested lifetimes; an hour matches coturn's default and bounds
     * how long a vanished client keeps a relay port.
     */
    public static final Duration MAX_ALLOCATION_LIFETIME = Duration.ofSeconds(3600);

    /** RFC 8656 §9: permissions last exactly 300 s and are not negotiable. */
    public static final Duration PERMISSION_LIFETIME = Duration.ofSeconds(300);

    /** RFC 8656 §12: channel bindings last 600 s unless refreshed. */
    public static final Duration CHANNEL_LIFETIME = Duration.ofSeconds(600);

    /**
     * How long a nonce the server hands out stays fresh before the client gets 438: coturn's default
     * (stale-nonce=600), so a client that works against coturn sees the same re-challenge rhythm here.
     */
    public static final Duration NONCE_LIFETIME = Duration.ofSeconds(600);

    /**
     * How long a server remembers its answer to a request so that a retransmission gets the same answer: RFC 8489
     * §6.3.1's transaction timeout Ti is 39.5 s, after which no client retransmits.
     */
    public static final Duration RESPONSE_CACHE = Duration.ofSeconds(40);

    /** RFC 8656 §7.2: a port reserved by EVEN-PORT's R bit is held for about 30 s before it goes back to the pool. */
    public static final Duration RESERVATION_LIFETIME = Duration.ofSeconds(30);

    /**
     * Burst a bandwidth-capped allocation may send above its rate: 200 ms covers a video keyframe or a congestion
     * window's worth of back-to-back packets without letting a sender run far above its cap.
     */
    public static final Duration BANDWIDTH_BURST = Duration.ofMillis(200);

    /** How long close() waits for the event loops to finish; sockets close immediately, this only bounds the wait. */
    public static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

    private TurnTimings() {
    }
}
