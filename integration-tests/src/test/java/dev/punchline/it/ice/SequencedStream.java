package dev.punchline.it.ice;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Sends numbered packets at a steady rate (50 packets/s is an audio call, 5,000 a busy tunnel) through whatever
 * {@code send} is given, from a thread of its own. Each packet starts with its 8-byte sequence number, from 0; the
 * first byte is therefore 0, outside every RFC 7983 range a session could mistake it for.
 */
final class SequencedStream implements AutoCloseable {

    static final int HEADER_BYTES = Long.BYTES;
    /** The sender wakes this often and sends what its rate owes since the start, so a late wake-up catches up. */
    private static final Duration TICK = Duration.ofMillis(1);

    private final Consumer<byte[]> send;
    private final int payloadBytes;
    private final double packetsPerSecond;
    private final AtomicLong sent = new AtomicLong();
    private final ScheduledExecutorService sender;
    private long startNanos;
    private volatile boolean stopped;

    private SequencedStream(Consumer<byte[]> send, double packetsPerSecond, int payloadBytes) {
        this.send = send;
        this.packetsPerSecond = packetsPerSecond;
        this.payloadBytes = payloadBytes;
        this.sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "stream-" + (long) packetsPerSecond + "pps");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts sending at once. */
    static SequencedStream start(Consumer<byte[]> send, double packetsPerSecond, int payloadBytes) {
        if (payloadBytes < HEADER_BYTES) {
            throw new IllegalArgumentException("payload of at least " + HEADER_BYTES + " bytes, not " + payloadBytes);
        }
        SequencedStream stream = new SequencedStream(send, packetsPerSecond, payloadBytes);
        stream.startNanos = System.nanoTime();
        stream.sender.scheduleAtFixedRate(stream::sendOwed, 0, TICK.toNanos(), TimeUnit.NANOSECONDS);
        return stream;
    }

    private void sendOwed() {
        long owed = (long) ((System.nanoTime() - startNanos) * packetsPerSecond / 1e9) + 1;
        while (!stopped && sent.get() < owed) {
            byte[] packet = new byte[payloadBytes];
            ByteBuffer.wrap(packet).putLong(sent.get());
            send.accept(packet);
            sent.incrementAndGet();
        }
    }

    /** Packets sent so far. */
    long sent() {
        return sent.get();
    }

    /** Stops sending and returns how many packets were sent. */
    long stop() throws InterruptedException {
        stopped = true;
        sender.shutdown();
        sender.awaitTermination(1, TimeUnit.SECONDS);
        return sent.get();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
