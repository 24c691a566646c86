package dev.punchline.it.support;

import java.time.Duration;

/** Every timing constant of the integration-test harness, each with the reason for its value. */
public final class ItTimings {

    /** coturn starts in well under a second here; ten allows for a cold page cache on a busy 2-core machine. */
    public static final Duration COTURN_START = Duration.ofSeconds(10);

    /** Spacing of STUN Binding probes while waiting for a server to answer: a lost probe costs this much. */
    public static final Duration PROBE_INTERVAL = Duration.ofMillis(100);

    /** Spacing of hole-punching packets: a NAT's mapping is made by the first, so more often only burns CPU. */
    public static final Duration PUNCH_INTERVAL = Duration.ofMillis(20);

    /**
     * How long a punch that should succeed may take. Across the lab it succeeds within two or three intervals; the
     * rest is slack for a loaded machine.
     */
    public static final Duration PUNCH_SUCCESS = Duration.ofSeconds(3);

    /**
     * How long a punch that must fail is tried before it counts as failed: fifty intervals, far beyond the few a
     * working punch needs, yet short enough to keep the lab tests quick.
     */
    public static final Duration PUNCH_FAILURE = Duration.ofSeconds(1);

    /** How long a lab test waits for one UDP answer across the lab before counting it lost (RTT is 40 ms at most). */
    public static final Duration LAB_REPLY = Duration.ofMillis(500);

    /**
     * How long a JVM started by a test (on a lab host, one that builds a lab of its own, or {@code punchline relay})
     * may take to say it is ready. It takes about half a second here; the rest allows for a cold, loaded 2-core CI machine.
     */
    public static final Duration JVM_START = Duration.ofSeconds(30);

    /**
     * A flood of datagrams counts as over once nothing more arrived for this long: ten times the longest one-way
     * delay the lab tests configure, so the last packets held by the WAN emulator are not taken for lost.
     */
    public static final Duration QUIET = Duration.ofMillis(200);

    /**
     * How long one turnutils_uclient run of a hundred sessions may take. It needs 15 to 25 s here whatever the
     * server: 100 ms per session while connecting, then a random 1 to 6 s wait per session before its first packet.
     * Several runs side by side on 2 cores stretch that; this is three times the slowest seen.
     */
    public static final Duration UCLIENT_RUN = Duration.ofSeconds(90);

    private ItTimings() {
    }
}
