package dev.punchline.tun.lab;

import dev.punchline.tun.TunDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delay, jitter and loss for every packet crossing the lab's internet, in user space (the kernel here has no netem).
 * The internet router sends every packet that arrives from a site or public host into a TUN device (policy routing:
 * one rule per attached link, a default route to the device in its own table); a reader thread takes each packet,
 * decides its fate ({@link WanScheduler}), and a writer thread writes it back into the device when its time comes,
 * from where the kernel routes it on by the main table. Conditions change at run time with {@link #set}.
 *
 * <p>It runs in the JVM that built the lab rather than as a child process: no second JVM to start (the lab builds
 * faster), a run-time change is a field write rather than a control protocol, its statistics are plain reads, and
 * the device vanishes with this JVM should it die (nothing to clean up). Only the device's creation needs the
 * router's namespace; its file descriptor works from any thread.
 */
public final class WanEmulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WanEmulator.class);

    /** Larger than any packet the lab's links (MTU 1500) can carry. */
    private static final int MAX_PACKET = 65_535;
    /**
     * Packets held at once before new ones are dropped as overflowing: a router's buffer. At 20 ms of delay it takes
     * over 800,000 packets per second to fill, far beyond what a test sends on two cores.
     */
    private static final int QUEUE_CAPACITY = 16_384;

    private final TunDevice device;
    private final WanScheduler scheduler = new WanScheduler(new SplittableRandom());
    private final BlockingQueue<HeldPacket> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong overflowed = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final Thread reader;
    private final Thread writer;
    private volatile WanConditions conditions;

    private WanEmulator(TunDevice device, WanConditions conditions, String label) {
        this.device = device;
        this.conditions = conditions;
        this.reader = new Thread(this::readLoop, "wan-reader-" + label);
        this.writer = new Thread(this::writeLoop, "wan-writer-" + label);
        reader.setDaemon(true);
        writer.setDaemon(true);
    }

    /**
     * Starts moving packets through {@code device}, which the caller has created in the internet's namespace;
     * {@code label} ends the names of its two threads.
     */
    static WanEmulator start(TunDevice device, WanConditions conditions, String label) {
        WanEmulator emulator = new WanEmulator(device, conditions, label);
        emulator.reader.start();
        emulator.writer.start();
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

    /** Stops both threads and removes the device; packets still held are lost. */
    @Override
    public void close() {
        device.close();
        writer.interrupt();
        join(reader);
        join(writer);
    }

    private void readLoop() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_PACKET);
        while (true) {
            buffer.clear();
            try {
                device.read(buffer);
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                LOG.warn("WAN emulator stops reading {}: {}", device, e.getMessage());
                return;
            }
            received.incrementAndGet();
            long release = scheduler.releaseAt(System.nanoTime(), conditions);
            if (release == WanScheduler.DROP) {
                dropped.incrementAndGet();
                continue;
            }
            buffer.flip();
            byte[] packet = new byte[buffer.remaining()];
            buffer.get(packet);
            if (!queue.offer(new HeldPacket(packet, release))) {
                overflowed.incrementAndGet();
            }
        }
    }

    private void writeLoop() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_PACKET);
        try {
            while (true) {
                HeldPacket packet = queue.take();
                for (long wait = packet.release() - System.nanoTime(); wait > 0;
                        wait = packet.release() - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                    if (Thread.interrupted()) {
                        return;
                    }
                }
                buffer.clear();
                buffer.put(packet.bytes()).flip();
                write(buffer);
            }
        } catch (InterruptedException | ClosedChannelException stopped) {
            // close() was called.
        }
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

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A packet and the {@link System#nanoTime} at which it may go on. */
    private record HeldPacket(byte[] bytes, long release) {
    }
}
