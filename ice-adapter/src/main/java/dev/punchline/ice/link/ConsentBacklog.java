package dev.punchline.ice.link;

import io.netty.buffer.ByteBuf;

import java.util.ArrayDeque;

/**
 * Application packets that the budget for sending before the peer has answered ({@link TokenBucket}) could not
 * send yet, in the order they were given, up to a byte bound. They wait rather than being dropped: the budget
 * exists so that a forged session description cannot aim a flood at a victim, and packets that wait here go
 * nowhere until the peer has shown it is there — so a stream faster than the budget starts without a loss,
 * one relay round trip late instead. Each packet is charged its frame's length, so even empty ones are bounded
 * in number.
 */
final class ConsentBacklog {
    private final long capacity;
    private final ArrayDeque<ByteBuf> packets = new ArrayDeque<>();
    private long bytes;

    ConsentBacklog(long capacityBytes) {
        this.capacity = capacityBytes;
    }

    /** Queues {@code payload} (taking the reference) unless it does not fit; then the caller keeps it. */
    boolean offer(ByteBuf payload) {
        long cost = cost(payload);
        if (bytes + cost > capacity) {
            return false;
        }
        packets.addLast(payload);
        bytes += cost;
        return true;
    }

    boolean isEmpty() {
        return packets.isEmpty();
    }

    /** The oldest packet's payload length, which the budget must allow before {@link #poll}; the backlog must not be empty. */
    int headLength() {
        return packets.getFirst().readableBytes();
    }

    /** The oldest packet (the caller takes the reference), or null. */
    ByteBuf poll() {
        ByteBuf payload = packets.pollFirst();
        if (payload != null) {
            bytes -= cost(payload);
        }
        return payload;
    }

    /** Releases everything waiting (the Link is closing). */
    void discard() {
        for (ByteBuf payload = poll(); payload != null; payload = poll()) {
            payload.release();
        }
    }

    private static long cost(ByteBuf payload) {
        return (long) LinkFrame.HEADER_LENGTH + payload.readableBytes();
    }
}
