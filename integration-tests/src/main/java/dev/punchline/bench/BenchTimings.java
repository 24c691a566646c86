package dev.punchline.bench;

import java.time.Duration;

/** Every timing constant of the benchmark, each with the reason for its value. */
public final class BenchTimings {

    /**
     * How often each generator loop wakes to send what its rate owes. 200 µs keeps a burst at 100k packets/s per loop
     * to about 20 packets, far below any socket buffer, while costing only 5,000 wake-ups a second.
     */
    public static final Duration SEND_TICK = Duration.ofNanos(200_000);

    /**
     * The most a loop sends in one tick when it has fallen behind (descheduled): catching up on a long stall at once
     * would be a burst no real sender makes, and the step then counts as not sustained instead. On a shared 2-core
     * machine a thread is descheduled for over 2 ms dozens of times a second even at nice -10, but rarely for 5 ms.
     */
    public static final Duration MAX_CATCH_UP = Duration.ofMillis(5);

    /**
     * After a step stops sending, how long packets still in flight may take to come back before they count as lost.
     * Queues on loopback drain in well under a millisecond unless a process was descheduled; 300 ms covers that too.
     */
    public static final Duration DRAIN = Duration.ofMillis(300);

    /** RFC 8489 §6.2.1's initial RTO; setup requests on loopback are answered in microseconds unless a packet is lost. */
    public static final Duration REQUEST_RETRANSMIT = Duration.ofMillis(500);

    /** How long a freshly started server may take to answer a STUN Binding request (a cold JVM takes ~1 s). */
    public static final Duration SERVER_START = Duration.ofSeconds(30);

    /**
     * How long after its time limit timeout(1) follows SIGTERM with SIGKILL (coturn sometimes ignores SIGTERM for
     * seconds). A normal stop is ExternalProcess's, with its own grace.
     */
    public static final Duration SERVER_STOP_GRACE = Duration.ofSeconds(3);

    /**
     * Idle allocations are made, then RSS is read after this pause: long enough for the server to finish logging and
     * for lazily touched pages (JIT, heap) of the burst to settle, short enough not to stretch the run.
     */
    public static final Duration MEMORY_SETTLE = Duration.ofSeconds(1);

    /** How often to look for the server under timeout(1), which forks it within milliseconds. */
    public static final Duration CHILD_POLL = Duration.ofMillis(5);

    /** Between a STUN Binding probe and the next while waiting for a server to come up. */
    public static final Duration START_PROBE_INTERVAL = Duration.ofMillis(100);

    /** The ICE benchmark's application sends a packet this often once it may: a 20 ms audio frame, as RTP does. */
    public static final Duration MEDIA_INTERVAL = Duration.ofMillis(20);

    /** How often a blocked receive wakes to see whether its session has ended. */
    public static final Duration RECEIVE_POLL = Duration.ofMillis(100);

    /**
     * How long an ICE session may take to deliver both ways before it counts as failed. Standard ice4j takes about
     * half a second in the lab even on the relay alone; ten seconds leaves room for a cold JVM.
     */
    public static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);

    /**
     * The longest the benchmark waits for ice4j's {@code Agent.free()}, which can deadlock once its TURN allocation
     * has died (DESIGN.md); it normally returns in milliseconds.
     */
    public static final Duration AGENT_FREE = Duration.ofSeconds(2);

    /**
     * How long a Punchline session in the ICE benchmark keeps its stream going once both sides are direct (or, on
     * the relay alone, once the first packets arrived), so packets sent on either side of the switch are counted.
     */
    public static final Duration AFTER_SWITCH = Duration.ofMillis(500);

    /**
     * Before the ICE benchmark cuts a direct path, packets sent up to this long before the cut count as sent before
     * it: with a 20 ms one-way WAN delay they have all arrived, so a packet the cut drops in flight is not blamed on
     * the switch.
     */
    public static final Duration IN_FLIGHT = Duration.ofMillis(100);

    private BenchTimings() {
    }
}
