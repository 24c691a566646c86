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
     * Ta, the pace of connectivity checks (RFC 8445 §14.2), also the longest a triggered check waits for its turn.
     * ice4j paces at 20 ms; a Punchline check list holds a handful of pairs (host and relayed candidates against
     * the peer's host, server-reflexive and relayed ones), highest priority first, so the first direct pair that
     * can work — against the peer's server-reflexive candidate — waited 20 ms behind a host pair to the peer's
     * private address, and the triggered check that answers the peer's punch up to 20 ms more, both on the path
     * to the direct switch. 5 ms is RFC 8445's floor: a session's checks stay a few small packets in a burst of
     * tens of milliseconds, nothing a NAT or a link notices.
     */
    public static final Duration CHECK_PACING = Duration.ofMillis(5);

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

    // ---- Link: path liveness -----------------------------------------------------------------------
    //
    // The budget these share: after a cut of the direct path, traffic must be back on the relay within 1 s
    // (issue 4, behaviour 3), yet one lost probe must never move traffic (iroh #2169 flapped on exactly that).
    // Tailscale trusts a direct path for 6.5 s after a pong with a 3 s heartbeat; that cannot meet a 1 s
    // fallback, so the Link probes an order of magnitude faster (a probe is ~50 bytes on the wire: 5 a second
    // per path is noise next to one audio stream).

    /**
     * How often a trusted or suspect path is probed. Both peers probe and answer, so a path that carries no
     * data still sees a frame in each direction about every 100 ms, and a single loss leaves a gap of at most
     * two intervals (400 ms) — below {@link #LINK_SUSPECT_MARGIN} + 2 intervals, the suspect threshold.
     */
    public static final Duration LINK_HEARTBEAT = Duration.ofMillis(200);

    /**
     * Extra silence, beyond two heartbeats, before a trusted path turns suspect; the real margin is the larger
     * of this and the path's RTT + 4 RTT deviations (a reply cannot come sooner than one RTT). 2 × 200 + 100 ms
     * = 500 ms: one lost probe or reply (a 400 ms gap at worst) never trips it, and a cut is noticed, and
     * traffic duplicated onto the relay, about 0.5 s after it happened, leaving half the 1 s budget for the
     * relay's own delay and the timer granularity.
     */
    public static final Duration LINK_SUSPECT_MARGIN = Duration.ofMillis(100);

    /**
     * The shortest wait before an unanswered probe counts as missed; longer paths get 3 × their smoothed RTT.
     * 250 ms is well above a LAN or same-continent RTT plus jitter, so a late reply is rarely mistaken for a
     * lost one, and short enough that {@link dev.punchline.ice.link.LinkConfig#deadAfterMissedProbes} missed
     * probes at the heartbeat declare a path dead about one second after a cut.
     */
    public static final Duration LINK_PROBE_TIMEOUT_MIN = Duration.ofMillis(250);

    /**
     * How often a path being confirmed (new, or answering again after being dead) is probed; a reply also
     * triggers the next probe at once, so confirmation takes two round trips when nothing is lost. 50 ms keeps
     * a lost first probe from costing more than a LAN round trip or two.
     */
    public static final Duration LINK_CONFIRM_PROBE_INTERVAL = Duration.ofMillis(50);

    /**
     * How long a new path may go unanswered before it is declared dead (and probed slowly). The peer adds its
     * side of a path when its own ICE check succeeds, which can be a round trip or two after ours; 2 s covers
     * that and an initial loss or two without probing a hopeless pair fast for long.
     */
    public static final Duration LINK_CONFIRM_TIMEOUT = Duration.ofSeconds(2);

    /**
     * How often a dead path is still probed, so that a restored path (a cable plugged back, a NAT mapping
     * re-opened) is found again within about a second — and hearing a probe from the peer on a dead path
     * triggers one at once, so restoration usually shows sooner.
     */
    public static final Duration LINK_DEAD_PROBE_INTERVAL = Duration.ofSeconds(1);

    /**
     * Granularity of the Link's periodic work (probes, state checks). It adds at most this much to any
     * liveness decision; 25 ms is small next to the 500 ms suspect threshold and costs 40 wake-ups a second
     * per peer. The reorder hold has its own exact timer, so delivery latency does not depend on it.
     */
    public static final Duration LINK_TICK = Duration.ofMillis(25);

    /**
     * The smallest absolute RTT gain that moves traffic from one trusted direct path to another (beside the
     * relative {@link dev.punchline.ice.link.LinkConfig#DEFAULT_SWITCH_GAIN}): on a LAN, 10 % of a 0.3 ms RTT
     * is timer noise, and switching costs a hold at the receiver.
     */
    public static final Duration LINK_SWITCH_MIN_GAIN = Duration.ofMillis(2);

    // ---- Link: receiver ---------------------------------------------------------------------------

    /**
     * Added to the measured delay difference between two paths when holding early packets: one-way delays
     * jitter by a few milliseconds on a quiet path, and a hold that ends just before the slow copy arrives
     * turns a switch into a reordering.
     */
    public static final Duration LINK_HOLD_MARGIN = Duration.ofMillis(10);

    /**
     * The hold used before any delay difference has been measured, and after a gap stops closing. The dedupe
     * window is sized for a 100 ms delay difference between paths (issue 4); 200 ms covers that with room, and
     * bounds the added latency when the packet a hold waits for is really lost (after a cut, every fallback).
     */
    public static final Duration LINK_MAX_HOLD = Duration.ofMillis(200);

    /**
     * The longest an early packet is ever held: the hold follows a measured difference up to this, and waits
     * this long for a slower path that keeps delivering the packets in front of it, in order. On a loaded
     * machine the lab measured the relay's copies 340-420 ms behind the direct path's (a queue on the relay's
     * route, one way; RTTs said less): the 200 ms cap gave up packets still in flight there and delivered them
     * out of order. One second covers that with room; the reorder ring (the dedupe window's size) bounds what is
     * held whatever the hold.
     */
    public static final Duration LINK_HOLD_CEILING = Duration.ofSeconds(1);

    /**
     * How long the in-window stream must have been silent before consistent far-off sequence numbers may move
     * the receive window (a legitimate jump needs an outage longer than the window's worth of packets, and a
     * cut takes ~0.5 s to notice): forged frames mixed into a live stream never qualify, and a forged move of a
     * quiet stream is undone this long after the real stream resumes.
     */
    public static final Duration LINK_RESYNC_QUIET = Duration.ofMillis(100);

    /**
     * How long after data last came in over a second path the receiver still treats a sequence gap as
     * possibly a packet in flight on the slower path (and holds), rather than a loss (and delivers at once).
     * A switch's stragglers arrive within the delay difference (≤ {@link #LINK_HOLD_CEILING}); twice that leaves a
     * wide margin and keeps single-path operation free of hold latency.
     */
    public static final Duration LINK_MULTIPATH_LINGER = Duration.ofSeconds(2);

    /**
     * How long the largest delay difference measured between two paths keeps sizing the reorder hold. A relay's
     * queue on a loaded machine fills and drains within tens to hundreds of milliseconds (a CI run saw the relay's
     * RTT go from 40 to 150 ms), so the latest difference says little of the next packet's; a second spans
     * several such swings and a whole switch, and costs only this: a packet really lost during a switch is given
     * up after the larger hold (still at most {@link #LINK_HOLD_CEILING}).
     */
    public static final Duration LINK_DELAY_DIFFERENCE_MEMORY = Duration.ofSeconds(1);

    private IceTimings() {
    }

    // ---- session -------------------------------------------------------------------------------------

    /**
     * How long a session waits for a TURN allocation (and for the permissions of a remote description) before
     * it tries the next relay or fails: our TURN client retransmits for up to 39.5 s per RFC 8489, which is far
     * too long for someone waiting on a call to start; 10 s covers a couple of lost requests on a slow path.
     */
    public static final Duration RELAY_SETUP_TIMEOUT = Duration.ofSeconds(10);
}
