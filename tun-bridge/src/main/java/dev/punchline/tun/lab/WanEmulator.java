package dev.punchline.tun.lab;

import dev.punchline.tun.TunDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delay, jitter and loss for every packet crossing the lab's internet, in user space (the kernel here has no netem).
 * The internet router sends every packet that arrives from a site or public host into a TUN device (policy routing:
 * one rule per attached link, a default route to the device in its own table); the emulator's thread reads each
 * packet, decides its fate ({@link WanScheduler}), holds it in a {@link DelayLine} and writes it back into the device
 * when its time comes, from where the kernel routes it on by the main table. Conditions change at run time with
 * {@link #set}.
 *
 * <p>One thread does everything, so a packet is never handed between threads: each wake-up it reads every packet
 * waiting in the device (until none is left, not one poll per packet), writes every packet that has fallen due, and
 * sleeps in one {@code ppoll} until the next packet arrives or the oldest held one is due, to the nanosecond of
 * {@code ppoll}'s timeout rather than the millisecond of {@code poll}'s. Nothing is allocated per packet: the device
 * reads into and writes from the delay line's buffer. The thread runs at real-time priority where the process may
 * ({@link LabThreadPriority#NETWORK}), so a loaded machine does not stretch the delay.
 *
 * <p>It runs in the JVM that built the lab rather than as a child process: no second JVM to start (the lab builds
 * faster), a run-time change is a field write rather than a control protocol, its statistics are plain reads, and
 * the device vanishes with this JVM should it die (nothing to clean up). Only the device's creation needs the
 * router's namespace; its file descriptor works from any thread.
 */
public final class WanEmulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WanEmulator.class);

    /** The device's MTU, which the lab sets: the kernel routes no larger packet into it. */
    static final int MTU = 1500;
    /**
     * Bytes of packets held at once before new ones are dropped as overflowing: a router's buffer. 4 MiB hold 20 ms
     * of 1.6 Gbit/s, far beyond what a test pushes through a user-space emulator on two cores.
     */
    private static final int LINE_BYTES = 4 << 20;
    /** Packets held at once, for tiny ones: at 20 ms of delay it takes over 800,000 packets per second to fill. */
    private static final int LINE_PACKETS = 16_384;
    /**
     * Packets read, or written, in one go before the thread turns to the other: a flood arriving must not hold back
     * packets falling due, nor a backlog of due packets leave arrivals waiting unstamped in the device, for longer
     * than about this many system calls (some tens of microseconds).
     */
    private static final int BATCH = 32;
    /** {@link #releaseDue}'s answer when nothing is held. */
    private static final long NOTHING_HELD = -1;

    private final TunDevice device;
    private final WanScheduler scheduler = new WanScheduler(new SplittableRandom());
    private final DelayLine line = new DelayLine(LINE_BYTES, LINE_PACKETS, MTU);
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong overflowed = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final Thread thread;
    private volatile WanConditions conditions;

    private WanEmulator(TunDevice device, WanConditions conditions, String label) {
        this.device = device;
        this.conditions = conditions;
        this.thread = new Thread(this::run, "wan-" + label);
        thread.setDaemon(true);
    }

    /**
     * Starts moving packets through {@code device}, which the caller has created in the internet's namespace with
     * {@link #MTU}; {@code label} ends the name of its thread.
     */
    static WanEmulator start(TunDevice device, WanConditions conditions, String label) {
        WanEmulator emulator = new WanEmulator(device, conditions, label);
        emulator.thread.start();
        return emulator;
    }

    /** The TUN device's name in the internet router's namespace. */
    public String deviceName() {
        return device.name();
    }

    public WanConditions conditions() {
        return conditions;
    }

    /** Applies from the next packet on; packets already held keep the release time they were given. */
    public void set(WanConditions conditions) {
        this.conditions = conditions;
    }

    public WanStats stats() {
        return new WanStats(received.get(), dropped.get(), overflowed.get(), delivered.get());
    }

    /** Stops the thread and removes the device; packets still held are lost. */
    @Override
    public void close() {
        device.close();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        LOG.debug("WAN emulator on {} runs at {}", device, LabThreadPriority.NETWORK.raiseCurrentThread());
        try {
            while (true) {
                boolean moreWaiting = readWaiting();
                long untilNext = releaseDue();
                if (!moreWaiting && untilNext != 0) {
                    device.await(untilNext);
                }
            }
        } catch (ClosedChannelException closed) {
            // close() was called.
        } catch (IOException e) {
            LOG.warn("WAN emulator stops on {}: {}", device, e.getMessage());
        }
    }

    /** Reads up to {@link #BATCH} waiting packets into the line; whether it stopped with more maybe waiting. */
    private boolean readWaiting() throws IOException {
        for (int i = 0; i < BATCH; i++) {
            int length = device.read(line.space());
            if (length == 0) {
                return false;
            }
            received.incrementAndGet();
            long release = scheduler.releaseAt(System.nanoTime(), conditions);
            if (release == WanScheduler.DROP) {
                dropped.incrementAndGet();
            } else if (!line.add(length, release)) {
                overflowed.incrementAndGet();
            }
        }
        return true;
    }

    /**
     * Writes up to {@link #BATCH} packets that are due; returns the nanoseconds until the next one is, 0 when more may
     * be due already, or {@link #NOTHING_HELD}.
     */
    private long releaseDue() throws ClosedChannelException {
        long now = System.nanoTime();
        for (int i = 0; i < BATCH; i++) {
            if (line.isEmpty()) {
                return NOTHING_HELD;
            }
            long wait = line.nextRelease() - now;
            if (wait > 0) {
                now = System.nanoTime();
                wait = line.nextRelease() - now;
                if (wait > 0) {
                    return wait;
                }
            }
            write(line.next());
            line.remove();
        }
        return 0;
    }

    /** One packet back into the kernel; a packet the kernel refuses is lost, as a router's would be. */
    private void write(ByteBuffer packet) throws ClosedChannelException {
        try {
            device.write(packet);
            delivered.incrementAndGet();
        } catch (ClosedChannelException closed) {
            throw closed;
        } catch (IOException e) {
            LOG.debug("WAN emulator could not deliver a packet: {}", e.getMessage());
        }
    }
}
