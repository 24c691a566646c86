package dev.punchline.ice.link;

import dev.punchline.ice.IceTimings;

import java.time.Duration;
import java.util.Objects;

/**
 * The Link's knobs. The defaults (see {@link IceTimings} for the timings' reasons) put traffic back on the
 * relay within about 0.6 s of a cut and never move it on one lost probe; {@link #builder()} starts from them.
 *
 * @param heartbeat               probe interval of trusted and suspect paths
 * @param suspectMargin           silence beyond two heartbeats (at least RTT + 4 deviations) before suspecting a path
 * @param probeTimeoutMin         shortest wait before an unanswered probe counts as missed (else 3 × RTT)
 * @param confirmProbeInterval    probe interval of a path being confirmed
 * @param confirmTimeout          how long a new path may stay unanswered before it is declared dead
 * @param deadProbeInterval       probe interval of a dead path
 * @param tick                    granularity of the periodic work
 * @param holdMargin              added to the measured delay difference when holding early packets
 * @param maxHold                 the hold while no delay difference is known, and once a gap stops closing
 * @param holdCeiling             the longest hold: a measured difference, or a gap the slower path keeps closing
 * @param delayDifferenceMemory   how long the largest measured delay difference between paths keeps sizing the hold
 * @param multipathLinger         how long after data last came over a second path gaps are still held
 * @param switchMinGain           smallest RTT gain, in absolute terms, that moves traffic between two direct paths
 * @param switchGain              smallest relative RTT gain (0.10 = 10 %) that moves traffic between direct paths
 * @param deadAfterMissedProbes   consecutive missed probes that make a path dead (at least 2: never one)
 * @param confirmReplies          consecutive replies that make a probing or suspect path trusted
 * @param dedupeWindow            sequence numbers the receiver remembers (rounded up to a power of two)
 * @param resyncAfter             consecutive, mutually consistent out-of-window frames that move the window
 * @param resyncQuiet             how long no in-window frame must have arrived before they may
 * @param unconsentedBytesPerSecond rate of data sent before anything has arrived from the peer
 * @param unconsentedBurstBytes   burst allowed at that rate
 * @param unconsentedBacklogBytes what may wait, beyond that budget, for the peer's first frame (then it all goes)
 */
public record LinkConfig(
        Duration heartbeat,
        Duration suspectMargin,
        Duration probeTimeoutMin,
        Duration confirmProbeInterval,
        Duration confirmTimeout,
        Duration deadProbeInterval,
        Duration tick,
        Duration holdMargin,
        Duration maxHold,
        Duration holdCeiling,
        Duration multipathLinger,
        Duration delayDifferenceMemory,
        Duration switchMinGain,
        double switchGain,
        int deadAfterMissedProbes,
        int confirmReplies,
        int dedupeWindow,
        int resyncAfter,
        Duration resyncQuiet,
        long unconsentedBytesPerSecond,
        long unconsentedBurstBytes,
        long unconsentedBacklogBytes) {

    /**
     * 100,000 packets/s with a 100 ms delay difference between paths puts the slow copy 10,000 sequence
     * numbers behind the fast one (issue 4); the next power of two leaves room for jitter.
     */
    public static final int DEFAULT_DEDUPE_WINDOW = 16_384;

    /**
     * Four consecutive missed probes at the heartbeat: dead about a second after a cut — traffic has long
     * moved by then (a suspect path already gets a copy on the relay) — and no burst of two or three losses,
     * common on Wi-Fi, ever kills a working path.
     */
    public static final int DEFAULT_DEAD_AFTER_MISSED = 4;

    /**
     * Two replies in a row: one proves the path works both ways once; the second, a round trip later, that it
     * was not a fluke, and gives the receiver a round trip of duplicated packets to measure the paths' delay
     * difference on before the sender stops the copies.
     */
    public static final int DEFAULT_CONFIRM_REPLIES = 2;

    /**
     * Three out-of-window frames that agree with each other (and no in-window frame between them) move the
     * window: a legitimate sender whose packets were all lost for a while (more than the window at its rate)
     * resumes after losing two more, while a single forged far-off sequence number changes nothing.
     */
    public static final int DEFAULT_RESYNC_AFTER = 3;

    /**
     * Tailscale needs a 1 % RTT gain to switch; probes here come every 200 ms and their RTT jitters by more
     * than that, so a direct path must be 10 % (and at least {@link IceTimings#LINK_SWITCH_MIN_GAIN}) faster.
     */
    public static final double DEFAULT_SWITCH_GAIN = 0.10;

    /**
     * 1 Mbit/s with a 16 kB burst before the peer has answered: a voice or video stream starts unhindered
     * during the one relay round trip this lasts, while a forged session description can aim at most that
     * much at a victim through our relay.
     */
    public static final long DEFAULT_UNCONSENTED_RATE = 125_000;
    public static final long DEFAULT_UNCONSENTED_BURST = 16_384;

    /**
     * 256 kB may wait for the peer's first frame beyond that budget: the wait is the answer's way through the
     * signalling plus one relay trip, and 256 kB is 290 ms of a 5,000 packets/s stream of 160-byte packets
     * (issue 4's fast case, which at the burst alone lost its packets from the 90th on) or 100 ms of 20 Mbit/s.
     * None of it leaves before the peer has answered, so it adds nothing a forged description could aim.
     */
    public static final long DEFAULT_UNCONSENTED_BACKLOG = 262_144;

    public LinkConfig {
        positive(heartbeat, "heartbeat");
        positive(suspectMargin, "suspectMargin");
        positive(probeTimeoutMin, "probeTimeoutMin");
        positive(confirmProbeInterval, "confirmProbeInterval");
        positive(confirmTimeout, "confirmTimeout");
        positive(deadProbeInterval, "deadProbeInterval");
        positive(tick, "tick");
        notNegative(holdMargin, "holdMargin");
        positive(maxHold, "maxHold");
        positive(holdCeiling, "holdCeiling");
        if (holdCeiling.compareTo(maxHold) < 0) {
            throw new IllegalArgumentException("holdCeiling must be at least maxHold: " + holdCeiling + " < " + maxHold);
        }
        positive(multipathLinger, "multipathLinger");
        positive(delayDifferenceMemory, "delayDifferenceMemory");
        notNegative(switchMinGain, "switchMinGain");
        notNegative(resyncQuiet, "resyncQuiet");
        if (!(switchGain >= 0 && switchGain < 1)) {
            throw new IllegalArgumentException("switchGain must be in [0, 1): " + switchGain);
        }
        if (deadAfterMissedProbes < 2) {
            throw new IllegalArgumentException("deadAfterMissedProbes must be at least 2 (never dead on one lost probe): "
                    + deadAfterMissedProbes);
        }
        if (confirmReplies < 1) {
            throw new IllegalArgumentException("confirmReplies must be at least 1: " + confirmReplies);
        }
        if (dedupeWindow < 64 || dedupeWindow > (1 << 24)) {
            throw new IllegalArgumentException("dedupeWindow must be in [64, 2^24]: " + dedupeWindow);
        }
        if (resyncAfter < 2) {
            throw new IllegalArgumentException("resyncAfter must be at least 2 (one forged frame must not move the window): "
                    + resyncAfter);
        }
        if (unconsentedBytesPerSecond <= 0 || unconsentedBurstBytes <= 0) {
            throw new IllegalArgumentException("unconsented rate and burst must be positive: "
                    + unconsentedBytesPerSecond + ", " + unconsentedBurstBytes);
        }
        if (unconsentedBacklogBytes < 0) {
            throw new IllegalArgumentException("unconsentedBacklogBytes must not be negative: " + unconsentedBacklogBytes);
        }
    }

    public static LinkConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    private static void notNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
    }

    /** Starts from the defaults; {@link #build()} validates, naming the offending setting. */
    public static final class Builder {
        private Duration heartbeat = IceTimings.LINK_HEARTBEAT;
        private Duration suspectMargin = IceTimings.LINK_SUSPECT_MARGIN;
        private Duration probeTimeoutMin = IceTimings.LINK_PROBE_TIMEOUT_MIN;
        private Duration confirmProbeInterval = IceTimings.LINK_CONFIRM_PROBE_INTERVAL;
        private Duration confirmTimeout = IceTimings.LINK_CONFIRM_TIMEOUT;
        private Duration deadProbeInterval = IceTimings.LINK_DEAD_PROBE_INTERVAL;
        private Duration tick = IceTimings.LINK_TICK;
        private Duration holdMargin = IceTimings.LINK_HOLD_MARGIN;
        private Duration maxHold = IceTimings.LINK_MAX_HOLD;
        private Duration holdCeiling = IceTimings.LINK_HOLD_CEILING;
        private Duration multipathLinger = IceTimings.LINK_MULTIPATH_LINGER;
        private Duration delayDifferenceMemory = IceTimings.LINK_DELAY_DIFFERENCE_MEMORY;
        private Duration switchMinGain = IceTimings.LINK_SWITCH_MIN_GAIN;
        private double switchGain = DEFAULT_SWITCH_GAIN;
        private int deadAfterMissedProbes = DEFAULT_DEAD_AFTER_MISSED;
        private int confirmReplies = DEFAULT_CONFIRM_REPLIES;
        private int dedupeWindow = DEFAULT_DEDUPE_WINDOW;
        private int resyncAfter = DEFAULT_RESYNC_AFTER;
        private Duration resyncQuiet = IceTimings.LINK_RESYNC_QUIET;
        private long unconsentedBytesPerSecond = DEFAULT_UNCONSENTED_RATE;
        private long unconsentedBurstBytes = DEFAULT_UNCONSENTED_BURST;
        private long unconsentedBacklogBytes = DEFAULT_UNCONSENTED_BACKLOG;

        private Builder() {
        }

        public Builder heartbeat(Duration v) {
            heartbeat = v;
            return this;
        }

        public Builder suspectMargin(Duration v) {
            suspectMargin = v;
            return this;
        }

        public Builder probeTimeoutMin(Duration v) {
            probeTimeoutMin = v;
            return this;
        }

        public Builder confirmProbeInterval(Duration v) {
            confirmProbeInterval = v;
            return this;
        }

        public Builder confirmTimeout(Duration v) {
            confirmTimeout = v;
            return this;
        }

        public Builder deadProbeInterval(Duration v) {
            deadProbeInterval = v;
            return this;
        }

        public Builder tick(Duration v) {
            tick = v;
            return this;
        }

        public Builder holdMargin(Duration v) {
            holdMargin = v;
            return this;
        }

        public Builder maxHold(Duration v) {
            maxHold = v;
            return this;
        }

        public Builder holdCeiling(Duration v) {
            holdCeiling = v;
            return this;
        }

        public Builder multipathLinger(Duration v) {
            multipathLinger = v;
            return this;
        }

        public Builder delayDifferenceMemory(Duration v) {
            delayDifferenceMemory = v;
            return this;
        }

        public Builder switchMinGain(Duration v) {
            switchMinGain = v;
            return this;
        }

        public Builder switchGain(double v) {
            switchGain = v;
            return this;
        }

        public Builder deadAfterMissedProbes(int v) {
            deadAfterMissedProbes = v;
            return this;
        }

        public Builder confirmReplies(int v) {
            confirmReplies = v;
            return this;
        }

        public Builder dedupeWindow(int v) {
            dedupeWindow = v;
            return this;
        }

        public Builder resyncAfter(int v) {
            resyncAfter = v;
            return this;
        }

        public Builder resyncQuiet(Duration v) {
            resyncQuiet = v;
            return this;
        }

        public Builder unconsentedRate(long bytesPerSecond, long burstBytes) {
            unconsentedBytesPerSecond = bytesPerSecond;
            unconsentedBurstBytes = burstBytes;
            return this;
        }

        /** What may wait beyond the unconsented rate for the peer's first frame; 0 drops whatever exceeds the rate. */
        public Builder unconsentedBacklog(long bytes) {
            unconsentedBacklogBytes = bytes;
            return this;
        }

        public LinkConfig build() {
            return new LinkConfig(heartbeat, suspectMargin, probeTimeoutMin, confirmProbeInterval, confirmTimeout,
                    deadProbeInterval, tick, holdMargin, maxHold, holdCeiling, multipathLinger, delayDifferenceMemory,
                    switchMinGain, switchGain,
                    deadAfterMissedProbes, confirmReplies, dedupeWindow, resyncAfter, resyncQuiet,
                    unconsentedBytesPerSecond, unconsentedBurstBytes, unconsentedBacklogBytes);
        }
    }
}
