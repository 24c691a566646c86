package dev.punchline.ice.link;

import java.time.Duration;
import java.util.Locale;

/**
 * One path's state machine and what the Link knows of it: liveness in each direction, RTT, loss, counters.
 *
 * <pre>
 *            confirmReplies replies in a row                 silence, or sends unacknowledged,
 *   PROBING ---------------------------------> TRUSTED ----- for 2 heartbeats + max(margin, RTT + 4 dev) ----> SUSPECT
 *    |   ^                                        ^                                                            |  |
 *    |   |                                        +------------ confirmReplies replies in a row ---------------+  |
 *    |   | a reply                                                                                                |
 *    |   +---------------------------------------- DEAD <------ deadAfterMissedProbes probes in a row missed -----+
 *    |                                              ^
 *    +-- no reply for confirmTimeout, or ----------+
 *        deadAfterMissedProbes missed after a reply
 * </pre>
 *
 * Reverse direction (peer to us): any valid frame arriving on the path. Forward direction (us to peer): a
 * probe reply, or an echo in the peer's frames that has moved past what it said before. A trusted path turns
 * suspect when either direction has been silent for two heartbeats plus a margin of at least an RTT — one
 * lost probe or reply leaves a gap of at most two heartbeats, so it never does — and dies only from suspect,
 * after several probes in a row went unanswered with no data acknowledged meanwhile (a path whose data is
 * still acknowledged both ways is alive, however late its probes' replies: under load they queue behind it). A dead path is still probed, slowly; any reply brings it back
 * to probing, where it is confirmed again. All of it runs on the Link's thread; nothing here allocates
 * except on a state change (the reason text).
 */
final class PathTracker {
    static final long NEVER = Long.MIN_VALUE;

    final LinkPath path;
    final int index;
    private final LinkConfig config;
    final RttEstimator rtt = new RttEstimator();
    final ProbeLog probes = new ProbeLog();

    PathState state = PathState.PROBING;
    private long stateSince;
    /** Why the path is in its state, for path events and statistics. */
    String reason = "new";
    private int consecutiveReplies;
    private int consecutiveMissed;
    private int repliesInState;
    /**
     * An ICE connectivity check succeeded on this path's 5-tuple since it last started probing: a round trip
     * works and the peer consented, so it may carry the data (with a copy elsewhere) before our own probes
     * have confirmed it.
     */
    boolean iceValidated;
    long nextProbeAt;

    // Peer to us.
    long lastReceivedAt = NEVER;
    /** Highest data sequence number received on this path: the echo our frames on it carry. */
    long highestDataReceived;
    private long lastPeerProbe;
    /** Smoothed fraction of the peer's probes on this path that never arrived. */
    private double lossIn;
    /** The peer's last word on whether this path is its primary. */
    boolean peerPrimary;

    // Us to peer.
    long lastAcknowledgedAt = NEVER;
    /** When the first frame sent since the last acknowledgement left; NEVER while nothing is waiting. */
    private long firstUnacknowledgedAt = NEVER;
    long highestDataSent;
    /** The first data sequence number sent on this path, 0 while none: echoes below it acknowledge nothing here. */
    private long firstDataSent;
    private long highestEcho;
    /** The peer's smoothed loss of our probes on this path, per mille. */
    int lossOutPermille;

    long packetsSent;
    long bytesSent;
    long packetsReceived;
    long bytesReceived;
    long dataSent;
    long dataReceived;
    long probesSent;
    long probesMissed;
    long duplicates;
    long held;
    long releasedLate;
    long malformed;
    long outOfWindow;
    long forged;
    long sendErrors;

    PathTracker(LinkPath path, int index, LinkConfig config, long now) {
        this.path = path;
        this.index = index;
        this.config = config;
        this.stateSince = now;
        this.nextProbeAt = now;
    }

    /** May carry a copy of the data beside the primary: answered since it started probing, or trusted until recently. */
    boolean carriesCopy() {
        return state == PathState.SUSPECT || (state == PathState.PROBING && repliesInState > 0);
    }

    /**
     * Validated by ICE, not yet confirmed by our probes, not given up on since — and heard from: the peer's Link
     * has the path too (it probes it), so what we send on it is not dropped there as coming from nowhere.
     */
    boolean vouchedFor() {
        return iceValidated && state == PathState.PROBING && lastReceivedAt != NEVER;
    }

    boolean answeredInState() {
        return repliesInState > 0;
    }

    // ---- what goes out ----------------------------------------------------------------------------

    void sentData(long seq, int bytes, long now) {
        if (firstDataSent == 0) {
            firstDataSent = seq;
        }
        highestDataSent = seq;
        dataSent++;
        sent(bytes, now);
    }

    void sentProbe(int bytes, long now) {
        probesSent++;
        nextProbeAt = now + probeInterval();
        sent(bytes, now);
    }

    /** A reply is not acknowledged by anything, so it does not start the wait for an acknowledgement. */
    void sentReply(int bytes) {
        packetsSent++;
        bytesSent += bytes;
    }

    private void sent(int bytes, long now) {
        packetsSent++;
        bytesSent += bytes;
        if (firstUnacknowledgedAt == NEVER) {
            firstUnacknowledgedAt = now;
        }
    }

    // ---- what comes in ----------------------------------------------------------------------------

    /**
     * A frame that passed every check arrived: the reverse direction works, and its echo may acknowledge ours.
     * Data acknowledged means the path carries traffic both ways, so the probes missed until then were late
     * (queued behind that data, or behind a paused receiver) or lost alone: they no longer count towards death.
     * Only an echo of data sent on this path acknowledges it: after a one-sided NAT rebinding the peer's path for
     * this 5-tuple is older than ours, and echoes what it received before ours existed (sent on another path).
     */
    void received(long echo, int bytes, long now) {
        packetsReceived++;
        bytesReceived += bytes;
        lastReceivedAt = now;
        if (echo > highestEcho && firstDataSent != 0 && echo >= firstDataSent && echo <= highestDataSent) {
            highestEcho = echo;
            acknowledged(now);
            consecutiveMissed = 0;
        }
    }

    void receivedData(long seq) {
        dataReceived++;
        highestDataReceived = Math.max(highestDataReceived, seq);
    }

    /**
     * A probe from the peer: its number tells how many of its probes went missing on the way. Returns whether
     * the peer's view of this path as its primary changed.
     */
    boolean peerProbe(long number, int flags, int lossPermille) {
        if (number > lastPeerProbe) {
            long lost = lastPeerProbe == 0 ? 0 : Math.min(number - lastPeerProbe - 1, 64);
            for (long i = 0; i < lost; i++) {
                lossIn += (1 - lossIn) / 16;
            }
            lossIn -= lossIn / 16;
            lastPeerProbe = number;
        }
        return peerSays(flags, lossPermille);
    }

    /** Returns whether the peer's view of this path as its primary changed. */
    boolean peerSays(int flags, int lossPermille) {
        lossOutPermille = lossPermille;
        boolean primary = (flags & LinkFrame.FLAG_PRIMARY) != 0;
        boolean changed = primary != peerPrimary;
        peerPrimary = primary;
        return changed;
    }

    int lossInPermille() {
        return (int) Math.round(lossIn * 1000);
    }

    /**
     * The peer answered one of our probes (first answer to it, RTT in {@link ProbeLog#lastRtt()}). Returns
     * whether that matters to path selection: the state changed, or a probing path answered for the first
     * time and may now carry a copy of the data.
     */
    boolean answered(long now) {
        rtt.sample(probes.lastRtt());
        acknowledged(now);
        consecutiveMissed = 0;
        consecutiveReplies++;
        repliesInState++;
        switch (state) {
            case DEAD:
                return enter(PathState.PROBING, now, "answering again");
            case PROBING, SUSPECT:
                if (consecutiveReplies >= config.confirmReplies()) {
                    return enter(PathState.TRUSTED, now, (state == PathState.PROBING ? "confirmed" : "trusted again")
                            + String.format(Locale.ROOT, ": %d replies in a row, rtt %.1f ms", consecutiveReplies,
                            rtt.smoothed() / 1e6));
                }
                return state == PathState.PROBING && repliesInState == 1;
            default:
                return false;
        }
    }

    private void acknowledged(long now) {
        lastAcknowledgedAt = now;
        firstUnacknowledgedAt = NEVER;
    }

    // ---- time passing -----------------------------------------------------------------------------

    /** Counts probes that went unanswered and applies the silence rules; returns whether the state changed. */
    boolean tick(long now) {
        int missed = probes.expire(now, probeTimeout());
        if (missed > 0) {
            probesMissed += missed;
            consecutiveMissed += missed;
            consecutiveReplies = 0;
        }
        if (state == PathState.TRUSTED) {
            long limit = suspectAfter();
            long silentFor = now - lastReceivedAt;
            long unacknowledgedFor = firstUnacknowledgedAt == NEVER ? 0 : now - firstUnacknowledgedAt;
            if (silentFor > limit) {
                return enter(PathState.SUSPECT, now, "nothing received for " + millis(silentFor));
            }
            if (unacknowledgedFor > limit) {
                return enter(PathState.SUSPECT, now, "nothing acknowledged for " + millis(unacknowledgedFor)
                        + " (lost towards the peer)");
            }
        }
        if (consecutiveMissed >= config.deadAfterMissedProbes()
                && (state == PathState.SUSPECT || (state == PathState.PROBING && repliesInState > 0))) {
            return enter(PathState.DEAD, now, consecutiveMissed + " probes in a row unanswered");
        }
        if (state == PathState.PROBING && repliesInState == 0 && now - stateSince > config.confirmTimeout().toNanos()) {
            return enter(PathState.DEAD, now, "never answered in " + millis(now - stateSince));
        }
        return false;
    }

    boolean probeDue(long now) {
        return now >= nextProbeAt;
    }

    /** The session's verdict on a path it checks itself (towards a standard peer, from ICE consent). */
    boolean report(PathState reported, long now) {
        return reported != state && enter(reported, now, "reported by the session");
    }

    private boolean enter(PathState next, long now, String why) {
        state = next;
        stateSince = now;
        reason = why;
        // Confirmed, or failed since: the check's word is spent either way.
        iceValidated &= next == PathState.PROBING;
        // A path answering again after being dead starts probing with that answer already counted.
        repliesInState = next == PathState.PROBING ? consecutiveReplies : 0;
        if (next == PathState.TRUSTED) {
            // Only what is sent from now on has to be acknowledged for the path to stay trusted.
            firstUnacknowledgedAt = NEVER;
            lastAcknowledgedAt = now;
        } else if (next != PathState.PROBING) {
            consecutiveReplies = 0;
        }
        nextProbeAt = Math.min(nextProbeAt, now + probeInterval());
        return true;
    }

    /** Two heartbeats (one lost probe or reply) plus a margin of at least the RTT and its jitter. */
    private long suspectAfter() {
        long jitter = rtt.known() ? rtt.smoothed() + 4 * rtt.deviation() : 0;
        return 2 * config.heartbeat().toNanos() + Math.max(config.suspectMargin().toNanos(), jitter);
    }

    private long probeTimeout() {
        return Math.max(config.probeTimeoutMin().toNanos(), rtt.known() ? 3 * rtt.smoothed() : 0);
    }

    long probeInterval() {
        return switch (state) {
            case PROBING -> config.confirmProbeInterval().toNanos();
            case TRUSTED, SUSPECT -> config.heartbeat().toNanos();
            case DEAD -> config.deadProbeInterval().toNanos();
        };
    }

    private static String millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis() + " ms";
    }
}
