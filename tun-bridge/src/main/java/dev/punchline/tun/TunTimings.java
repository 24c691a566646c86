package dev.punchline.tun;

import java.time.Duration;

/** Every timing constant of the tun-bridge module (TUN device, lab, external processes), each with its reason. */
public final class TunTimings {

    /**
     * How long a stopped process gets between SIGTERM and SIGKILL. coturn sometimes ignores SIGTERM for longer than
     * this (LAB.md), so waiting longer would only slow every test down.
     */
    public static final Duration PROCESS_STOP_GRACE = Duration.ofSeconds(2);

    /** How long SIGKILL may take to be reaped; the kernel needs milliseconds, this is slack for a loaded CI box. */
    public static final Duration PROCESS_KILL_REAP = Duration.ofSeconds(5);

    /** Log polling period: short against a process start-up of hundreds of milliseconds, cheap on the CPU. */
    public static final Duration PROCESS_OUTPUT_POLL = Duration.ofMillis(20);

    /**
     * How long closing a lab host waits for its namespace thread to end. A task blocked in an uninterruptible call
     * (a classic socket's receive) may never end; the thread is a daemon, so the wait is bounded and short.
     */
    public static final Duration NAMESPACE_THREAD_EXIT = Duration.ofSeconds(2);

    /**
     * How long one lab configuration command ({@code ip -batch}, {@code nft -f}, {@code conntrack}) may take. Each
     * needs milliseconds; a loaded 2-core CI machine running several in parallel needs far more than that, and a
     * hung one must still fail the build rather than the whole test run.
     */
    public static final Duration LAB_COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private TunTimings() {
    }
}
