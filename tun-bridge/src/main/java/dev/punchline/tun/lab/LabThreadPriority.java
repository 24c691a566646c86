package dev.punchline.tun.lab;

import com.sun.jna.LastErrorException;
import dev.punchline.tun.LinuxLibc;

/**
 * Priorities above the machine's ordinary threads, for the threads that carry the lab's traffic and those that time
 * it or sends it. The WAN emulator stands in for a network, whose packets the kernel moves in softirq context, ahead of every
 * process; a user-space emulator at normal priority instead waits its turn behind every busy thread on a loaded
 * machine, and its packets wait with it (measured on this 2-core machine: hundreds of milliseconds of extra delay at
 * 20,000 packets per second). Likewise a test's probe at normal priority measures the machine's scheduling delays
 * (tens of milliseconds under load) along with the network's.
 *
 * <p>First choice: real time ({@code SCHED_FIFO}). The thread then runs as soon as a packet arrives or falls due,
 * whatever else is runnable. It cannot monopolise a CPU: it sleeps whenever nothing is due, its work per packet is
 * bounded, and the kernel caps real-time threads at 95 % of each CPU ({@code sched_rt_runtime_us}). Failing that
 * (no CAP_SYS_NICE, or a cgroup without a real-time budget), a strong nice value, which wins most of the CPU but still
 * waits for the scheduler's slices; failing that too, normal priority, and delays may grow under load.
 */
public enum LabThreadPriority {

    /**
     * The WAN emulator. Any real-time priority outranks every ordinary thread; a low one stays below the kernel's own
     * real-time threads (threaded interrupt handlers run at 50, watchdogs and migration at 99).
     */
    NETWORK(10, -20),
    /**
     * A thread that echoes or receives timed traffic across the lab. Below {@link #NETWORK}, so it never holds back
     * the packets it measures; above everything ordinary, so its own wake-ups add microseconds, not milliseconds.
     */
    PROBE(5, -15),
    /**
     * A thread that sends a test's flood, each packet stamped as it leaves, so its own delays do not count; its rate
     * does, and an ordinary thread on a loaded machine falls short of it (measured: 20,000 of 30,000 a second, even
     * at nice -10). Below {@link #PROBE} and {@link #NETWORK}, so it only ever takes CPU that they do not need.
     */
    TRAFFIC(1, -10);

    private final int realTime;
    private final int nice;

    LabThreadPriority(int realTime, int nice) {
        this.realTime = realTime;
        this.nice = nice;
    }

    /** Raises the calling thread (only it, and threads it starts later) and says what it got, for a log. */
    public String raiseCurrentThread() {
        try {
            LinuxLibc.sched_setscheduler(0, LinuxLibc.SCHED_FIFO, new int[] {realTime});
            return "real time (SCHED_FIFO " + realTime + ")";
        } catch (LastErrorException realTimeRefused) {
            try {
                LinuxLibc.setpriority(LinuxLibc.PRIO_PROCESS, 0, nice);
                return "nice " + nice + " (real time refused: " + realTimeRefused.getMessage() + ")";
            } catch (LastErrorException niceRefused) {
                return "normal priority (real time and nice " + nice + " refused: " + niceRefused.getMessage()
                        + "); delays may grow on a loaded machine";
            }
        }
    }
}
