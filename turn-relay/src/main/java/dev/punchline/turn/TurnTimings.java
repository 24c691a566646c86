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
     * RFC 8656 §12: for 5 minutes after a channel binding expires, its number may not be bound to another peer nor its
     * peer to another number, so ChannelData still in flight for the old binding never reaches a new peer.
     */
    public static final Duration CHANNEL_QUARANTINE = Duration.ofMinutes(5);

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

    /**
     * How long a TCP or TLS client connection may stay open without an allocation: from when it opens, and again from
     * when its allocation ends. coturn's max-allocate-timeout is 60 s, so a client that allocates in time against coturn
     * does here too; one that holds a connection for longer without allocating only costs a socket and its buffers.
     */
    public static final Duration UNALLOCATED_CONNECTION_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Longest TLS handshake a client connection gets: Netty's own default, many times the two round trips of a TLS 1.2
     * handshake even on a lossy long path, and far less than {@link #UNALLOCATED_CONNECTION_TIMEOUT}, so a client that
     * connects and says nothing (or dribbles its ClientHello) holds no TLS engine for long.
     */
    public static final Duration TLS_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    /**
     * The burst a source without an allocation may send above its request rate, in seconds of that rate: a client's
     * whole start (Binding, Allocate, the challenged Allocate, their UDP retransmissions at 0.5 s and 1.5 s) fits, even
     * for many clients that start together behind one NAT.
     */
    public static final Duration REQUEST_BURST = Duration.ofSeconds(2);

    /** How long close() waits for the event loops to finish; sockets close immediately, this only bounds the wait. */
    public static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

    // ---- TURN client -------------------------------------------------------------------------------

    /** RFC 8489 §6.2.1: the initial retransmission timeout over UDP when nothing is known of the path's RTT. */
    public static final Duration STUN_INITIAL_RTO = Duration.ofMillis(500);

    /** RFC 8489 §6.2.1 (Rc): a request is sent at most seven times over UDP. */
    public static final int STUN_MAX_TRANSMISSIONS = 7;

    /**
     * RFC 8489 §6.2.1 (Rm): after the last transmission the client waits this many initial RTOs for an
     * answer, giving 39.5 s in all with the defaults.
     */
    public static final int STUN_FINAL_WAIT_FACTOR = 16;

    /** RFC 8489 §6.2.2 (Ti): over TCP and TLS a request is sent once and given up on after 39.5 s. */
    public static final Duration STUN_RELIABLE_TIMEOUT = Duration.ofMillis(39_500);

    /**
     * DESIGN decision 2: an allocation (and, with the same margin, a permission or channel) is refreshed
     * this long before it would expire, which leaves a full UDP retransmission schedule (39.5 s) to get the
     * refresh through before the server forgets it.
     */
    public static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

    /**
     * First wait before retrying a request that failed (error response or timeout). Doubled on each
     * further failure and jittered, so a broken server sees a trickle rather than the request storm ice4j
     * was seen producing (CreatePermission about once a millisecond after its allocation died).
     */
    public static final Duration ERROR_BACKOFF_BASE = Duration.ofSeconds(1);

    /** Ceiling of that backoff: retries keep happening, at most about once a minute per failing thing. */
    public static final Duration ERROR_BACKOFF_CAP = Duration.ofSeconds(60);

    /**
     * How long close() waits for the server to confirm the deletion (Refresh with LIFETIME 0). Enough for
     * three UDP transmissions; a server that does not answer by then lets the allocation expire on its own,
     * and close() must not hang an application's shutdown for 39.5 s.
     */
    public static final Duration CLOSE_DELETE_WAIT = Duration.ofSeconds(2);

    /**
     * Validity of TURN REST API credentials this client computes from a shared secret (the expiry part of
     * the username). A server may check it on any request, Refreshes included, so it has to outlast the
     * longest session; a day is what the TURN REST API draft suggests.
     */
    public static final Duration REST_CREDENTIAL_TTL = Duration.ofHours(24);

    /**
     * An allocation that has heard nothing from its server for this long checks that the server is still there
     * (a Binding request on the allocation's 5-tuple): a UDP relay that dies is otherwise noticed only at the next
     * Refresh, minutes later, because the ICMP errors its death causes do not reach a client on a shared
     * unconnected socket. A relay leg that carries a session normally hears the peer's heartbeats several times a
     * second, so a healthy busy allocation never pays for a check; an idle one sends one small request a second.
     */
    public static final Duration LIVENESS_IDLE = Duration.ofSeconds(1);

    /**
     * The liveness check's first retransmission: half RFC 8489's 500 ms, since the client has just used the path
     * and relays sit near their clients; still above any sane RTT to a relay, and a late answer to an earlier
     * transmission counts anyway (same transaction id).
     */
    public static final Duration LIVENESS_INITIAL_RTO = Duration.ofMillis(250);

    /**
     * A liveness check is sent this many times (at 0, 0.25, 0.75 and 1.75 s): the allocation is declared lost only
     * when all four requests or their answers vanished, so a lost probe (or three) never kills a healthy one; with
     * 1 % independent loss a false alarm needs 10^-8 odds per check.
     */
    public static final int LIVENESS_TRANSMISSIONS = 4;

    /**
     * After the last send the check waits this many initial RTOs (1 s) for an answer: 2.75 s in all, so a dead relay
     * is reported within {@link #LIVENESS_IDLE} + 2.75 s (under 4 s) of its last frame.
     */
    public static final int LIVENESS_FINAL_WAIT_FACTOR = 4;

    private TurnTimings() {
    }
}
