package dev.punchline.it.support;

import java.time.Duration;

/** Every timing constant of the integration-test harness, each with the reason for its value. */
public final class ItTimings {

    /**
     * How long a stopped process gets between SIGTERM and SIGKILL. coturn sometimes ignores
     * SIGTERM for longer than this (LAB.md), so waiting longer would only slow every test down.
     */
    public static final Duration STOP_GRACE = Duration.ofSeconds(2);

    /** How long SIGKILL may take to be reaped; the kernel needs milliseconds, this is slack for a loaded CI box. */
    public static final Duration KILL_REAP = Duration.ofSeconds(5);

    /** Log polling period: short against a process start-up of hundreds of milliseconds, cheap on the CPU. */
    public static final Duration OUTPUT_POLL = Duration.ofMillis(20);

    /** coturn starts in well under a second here; ten allows for a cold page cache on a busy 2-core machine. */
    public static final Duration COTURN_START = Duration.ofSeconds(10);

    /** Spacing of STUN Binding probes while waiting for a server to answer: a lost probe costs this much. */
    public static final Duration PROBE_INTERVAL = Duration.ofMillis(100);

    /**
     * How long a JVM started by a test ({@code punchline relay}) may take to say it is ready. It takes about a second
     * here; the rest allows for a cold, loaded 2-core CI machine.
     */
    public static final Duration JVM_START = Duration.ofSeconds(30);

    /**
     * How long one turnutils_uclient run of a hundred sessions may take. It needs 15 to 25 s here whatever the
     * server: 100 ms per session while connecting, then a random 1 to 6 s wait per session before its first packet.
     * Several runs side by side on 2 cores stretch that; this is three times the slowest seen.
     */
    public static final Duration UCLIENT_RUN = Duration.ofSeconds(90);

    private ItTimings() {
    }
}
