package dev.punchline.it.lab;

import dev.punchline.it.support.ItTimings;
import dev.punchline.tun.lab.LabThreadPriority;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The one-way delay of every datagram of a paced UDP flood between two lab hosts. Both ends run in this JVM, so a
 * datagram carries its sequence number and its {@link System#nanoTime} at sending, and the receiver, on the same
 * clock, knows each packet's delay (and which never came) without any clock synchronisation. The receiver runs at
 * {@link LabThreadPriority#PROBE}: at normal priority, a loaded machine's scheduling delays (tens of milliseconds)
 * would be measured along with the network's; the sender runs at {@link LabThreadPriority#TRAFFIC}, to keep its rate.
 */
final class OneWayDelays {

    /** Sequence number and send time. */
    private static final int HEADER = 2 * Long.BYTES;
    /**
     * The sender wakes this often and sends what the rate owes: parking for much less than this costs more in timer
     * wake-ups than the sending, and a millisecond's burst (30 datagrams at 30,000 per second) fits every queue.
     */
    private static final Duration PACING_TICK = Duration.ofMillis(1);
    /**
     * The receiver's socket buffer: a pause of the receiving thread (a GC) must not lose the datagrams that arrive
     * meanwhile, about a kilobyte of kernel memory each. Within the machine's rmem_max.
     */
    private static final int RECEIVE_BUFFER = 4 << 20;

    private final long[] delays;
    private final int received;
    private final Duration sending;

    private OneWayDelays(long[] delays, int received, Duration sending) {
        this.delays = delays;
        this.received = received;
        this.sending = sending;
    }

    /**
     * Sends {@code packetsPerSecond} datagrams of {@code size} bytes for {@code duration} through {@code from}
     * (connected to {@code to}'s address) and receives them on {@code to}; returns once every datagram arrived or
     * nothing more came for {@link ItTimings#QUIET}. An interrupted receive closes {@code to}.
     */
    static OneWayDelays measure(DatagramChannel from, DatagramChannel to, int packetsPerSecond, Duration duration,
            int size) throws IOException, InterruptedException {
        int count = (int) (packetsPerSecond * duration.toNanos() / 1_000_000_000L);
        long[] delays = new long[count];
        Arrays.fill(delays, -1);
        to.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
        AtomicInteger received = new AtomicInteger();
        Thread receiver = new Thread(() -> receive(to, delays, received), "one-way-receiver");
        receiver.start();
        long[] sendWindow = new long[2];
        Thread sender = new Thread(() -> send(from, count, packetsPerSecond, size, sendWindow), "one-way-sender");
        sender.start();
        sender.join();
        awaitQuiet(receiver, received);
        receiver.interrupt();
        receiver.join();
        return new OneWayDelays(delays, received.get(), Duration.ofNanos(sendWindow[1] - sendWindow[0]));
    }

    private static void awaitQuiet(Thread receiver, AtomicInteger received) throws InterruptedException {
        long quietSince = System.nanoTime();
        int last = -1;
        while (receiver.isAlive() && System.nanoTime() - quietSince < ItTimings.QUIET.toNanos()) {
            receiver.join(ItTimings.QUIET.toMillis() / 4);
            if (received.get() != last) {
                last = received.get();
                quietSince = System.nanoTime();
            }
        }
    }

    /** Records the first and last send times in {@code window}. */
    private static void send(DatagramChannel from, int count, int packetsPerSecond, int size, long[] window) {
        LabThreadPriority.TRAFFIC.raiseCurrentThread();
        ByteBuffer packet = ByteBuffer.allocateDirect(size);
        long start = System.nanoTime();
        window[0] = start;
        int sent = 0;
        try {
            while (sent < count) {
                long owed = Math.min(count, (System.nanoTime() - start) * packetsPerSecond / 1_000_000_000L + 1);
                for (; sent < owed; sent++) {
                    long now = System.nanoTime();
                    packet.clear();
                    packet.putLong(sent).putLong(now).position(size).flip();
                    from.write(packet);
                    window[1] = now;
                }
                LockSupport.parkNanos(PACING_TICK.toNanos());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("sending the flood failed after " + sent + " datagrams", e);
        }
    }

    /** Runs until every datagram came or it is interrupted. */
    private static void receive(DatagramChannel to, long[] delays, AtomicInteger received) {
        LabThreadPriority.PROBE.raiseCurrentThread();
        ByteBuffer packet = ByteBuffer.allocateDirect(2048);
        int count = 0;
        try {
            while (count < delays.length) {
                packet.clear();
                to.receive(packet);
                long now = System.nanoTime();
                packet.flip();
                if (packet.remaining() < HEADER) {
                    continue;
                }
                long sequence = packet.getLong();
                long sent = packet.getLong();
                if (sequence >= 0 && sequence < delays.length && delays[(int) sequence] < 0) {
                    delays[(int) sequence] = now - sent;
                    received.set(++count);
                }
            }
        } catch (IOException interruptedOrClosed) {
            // The measurement is over.
        }
    }

    int sent() {
        return delays.length;
    }

    int received() {
        return received;
    }

    /** The rate the datagrams went out at, from the first to the last. */
    double offeredRate() {
        return (sent() - 1) / (sending.toNanos() / 1e9);
    }

    /** The {@code percent}-th percentile (nearest rank) of the delays of the datagrams that arrived. */
    Duration percentile(double percent) {
        long[] sorted = Arrays.stream(delays).filter(delay -> delay >= 0).sorted().toArray();
        if (sorted.length == 0) {
            throw new IllegalStateException("no datagram arrived");
        }
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return Duration.ofNanos(sorted[Math.max(0, rank - 1)]);
    }

    @Override
    public String toString() {
        return String.format("%d of %d datagrams arrived, sent at %.0f/s; one way p0 %.2f ms p50 %.2f ms p99 %.2f ms "
                        + "p99.9 %.2f ms p100 %.2f ms", received, sent(), offeredRate(), millis(percentile(0)),
                millis(percentile(50)), millis(percentile(99)), millis(percentile(99.9)), millis(percentile(100)));
    }

    private static double millis(Duration duration) {
        return duration.toNanos() / 1e6;
    }
}
