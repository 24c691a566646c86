package dev.punchline.it.lab;

import dev.punchline.it.support.ItTimings;
import dev.punchline.tun.lab.LabThreadPriority;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Round-trip times to a {@link UdpEcho}, measured with pings sent at a fixed spacing rather than one after the
 * other, so a hundred 40 ms round trips take a fraction of a second. Each ping carries its send time. The receiving
 * thread runs at {@link LabThreadPriority#PROBE}: a loaded machine's scheduling delays are not the lab's.
 */
final class RoundTrips {

    private final List<Duration> samples;

    private RoundTrips(List<Duration> samples) {
        this.samples = samples;
    }

    /** Sends {@code count} pings from {@code socket} to {@code echo}, one every {@code spacing}, and collects the answers. */
    static RoundTrips measure(DatagramSocket socket, InetSocketAddress echo, int count, Duration spacing)
            throws IOException, InterruptedException {
        List<Duration> samples = Collections.synchronizedList(new ArrayList<>());
        socket.setSoTimeout((int) ItTimings.LAB_REPLY.toMillis());
        Thread receiver = new Thread(() -> receive(socket, count, samples), "rtt-receiver");
        receiver.start();
        ByteBuffer ping = ByteBuffer.allocate(Long.BYTES);
        long next = System.nanoTime();
        for (int i = 0; i < count; i++) {
            LockSupport.parkNanos(next - System.nanoTime());
            ping.clear();
            ping.putLong(System.nanoTime());
            socket.send(new DatagramPacket(ping.array(), ping.capacity(), echo));
            next += spacing.toNanos();
        }
        receiver.join();
        return new RoundTrips(new ArrayList<>(samples));
    }

    private static void receive(DatagramSocket socket, int count, List<Duration> samples) {
        LabThreadPriority.PROBE.raiseCurrentThread();
        byte[] buffer = new byte[64];
        try {
            while (samples.size() < count) {
                DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                socket.receive(reply);
                long sent = ByteBuffer.wrap(reply.getData(), 0, Long.BYTES).getLong();
                samples.add(Duration.ofNanos(System.nanoTime() - sent));
            }
        } catch (SocketTimeoutException lastOneLost) {
            // Quiet for a whole reply timeout: whatever is missing is lost.
        } catch (IOException e) {
            throw new IllegalStateException("receiving pings failed", e);
        }
    }

    int count() {
        return samples.size();
    }

    /** The {@code percent}-th percentile (nearest rank). */
    Duration percentile(double percent) {
        List<Duration> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(percent / 100 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    @Override
    public String toString() {
        return count() + " round trips, p0 " + millis(percentile(0)) + " p50 " + millis(percentile(50)) + " p99 "
                + millis(percentile(99)) + " p100 " + millis(percentile(100));
    }

    private static String millis(Duration duration) {
        return String.format("%.2f ms", duration.toNanos() / 1e6);
    }
}
