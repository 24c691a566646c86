package dev.punchline.ice;

import java.time.Duration;

/** Every timing constant of the ICE adapter, each with the reason for its value. */
public final class IceTimings {

    // ---- control plane (ice4j) -----------------------------------------------------------------------

    /**
     * How long a candidate pair must stay FAILED before the nominator believes it: ice4j 3.2 reports false
     * timeouts when a response races its retransmission scheduling and the pair recovers within a second
     * (seen in 4 of 9 runs here), so one FAILED event is never taken as a verdict.
     */
    public static final Duration PAIR_FAILED_CONFIRMATION = Duration.ofSeconds(1);

    /**
     * The latest the controlling side nominates a validated relay pair while direct pairs are still being
     * checked. ice4j gives up on a check after 100+200+400+800+3×1600 ms = 6.3 s, so 8 s lets every direct
     * check that started with the relay one run to its end and be confirmed failed; data already flows over
     * the relay meanwhile (relay first), so waiting costs Punchline peers nothing, and it bounds how long a
     * standard ICE peer waits for a nomination. (pion/ice waits 2 s; it has no relay-first data path.)
     */
    public static final Duration RELAY_NOMINATION_DEADLINE = Duration.ofSeconds(8);

    /**
     * Server-reflexive gathering: the first retransmission of our own Binding request. RFC 8489 §6.2.1 starts
     * at 500 ms without RTT knowledge; STUN servers are chosen near the client, so half that finds a lost
     * request sooner while staying above any sane RTT to them.
     */
    public static final Duration SRFLX_INITIAL_RTO = Duration.ofMillis(250);

    /**
     * When server-reflexive gathering gives up on a STUN server (requests at 0, 250, 750 and 1750 ms): the
     * srflx candidate only feeds the peer's checks, and a host or relay candidate is already out, so a dead
     * STUN server must not hold back "gathering done" for RFC 8489's 39.5 s.
     */
    public static final Duration SRFLX_GIVE_UP = Duration.ofSeconds(3);

    /**
     * How long a request's transaction id keeps routing responses to the agent that sent it: longer than
     * ice4j's longest client transaction (consent checks: 30 retransmissions 500 ms apart, 15 s), so a slow
     * answer still reaches its transaction rather than being dropped as unknown.
     */
    public static final Duration TRANSACTION_MEMORY = Duration.ofSeconds(30);

    /**
     * First re-probe of direct paths after a session settled on the relay (ICE selects one pair for life, so a
     * re-probe is a fresh Agent, an ICE restart). 5 s catches a transient cause (a NAT rebinding, a direct
     * check lost at the wrong moment) quickly, while one restart costs only a signalling round trip and a
     * handful of STUN checks.
     */
    public static final Duration REPROBE_FIRST = Duration.ofSeconds(5);

    /**
     * Re-probes back off (doubling) up to this: Tailscale's magicsock re-probes a relayed peer every minute,
     * which finds a path that opened later (a network change, a NAT that needed both sides punching) while
     * keeping two symmetric NATs, which never go direct, at one restart per minute.
     */
    public static final Duration REPROBE_MAX = Duration.ofSeconds(60);

    /**
     * How long a fresh Agent waits for the peer's answering credentials before it is abandoned and the old
     * one carries on: a signalling round trip is well under a second normally; 10 s covers a slow proxy and a
     * retransmitted SIP INFO without leaving a half-started Agent around for long.
     */
    public static final Duration RESTART_ANSWER_TIMEOUT = Duration.ofSeconds(10);

    /**
     * How long close() lets ice4j's Agent.free() run before abandoning it: free() normally takes a few
     * milliseconds, but it deadlocked in 7 of 70 runs here once an ice4j TURN allocation had died; a forked
     * JVM must exit within 1 s of closing its sessions, so half of that.
     */
    public static final Duration AGENT_FREE_TIMEOUT = Duration.ofMillis(500);

    // ---- data plane (demultiplexer) ------------------------------------------------------------------

    /**
     * How long the demultiplexer remembers which ICE agent sent a STUN request, so that the response (which
     * carries no USERNAME) reaches that agent. 40 s outlives a whole RFC 8489 §6.2.1 UDP transaction with
     * default timers (7 sends from RTO 500 ms, then 16 × RTO: 39.5 s); ice4j's own transactions end sooner.
     */
    public static final Duration STUN_TRANSACTION_MEMORY = Duration.ofSeconds(40);

    private IceTimings() {
    }
}
