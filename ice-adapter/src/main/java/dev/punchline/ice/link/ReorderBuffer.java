package dev.punchline.ice.link;

import io.netty.buffer.ByteBuf;

/**
 * Puts data back in sequence order when it arrives over two paths at once. A packet that arrives early (a
 * gap below it) is held — at most for the delay difference between the paths, which the caller passes as
 * {@code hold} — and released in order as the gap fills; when its hold runs out the gap is given up and
 * everything up to it released anyway (a loss stays a loss, it does not become a stall). Outside a switch
 * (the caller's {@code mayHold} is false and nothing is held) a gap is a loss and is given up at once, so a
 * single path never pays hold latency. A gap that the slower path keeps closing — the packets in front of it
 * still arriving in order, a queue on that path draining — is waited for longer, up to the caller's
 * {@code ceiling}: the hold then counts from the latest such arrival, not from the held packet's.
 *
 * <p>Held packets sit in a ring indexed by sequence number, sized like the {@link ReceiveWindow} whose
 * arrival times give the deadlines; nothing is allocated per packet. Only the expiry sweep walks the held
 * range, and it runs only after a loss during a switch.
 */
final class ReorderBuffer {
    /** Where released packets go, in order, with the path they came over. */
    interface Sink {
        void deliver(ByteBuf payload, int path, boolean afterExpiry);
    }

    static final int DELIVERED = 0;
    static final int HELD = 1;
    /** Its gap had already been given up: delivered at once, out of order. */
    static final int LATE = 2;

    private final ReceiveWindow window;
    private final Sink sink;
    private final int mask;
    private final ByteBuf[] held;
    private int heldCount;
    private long highestHeld;
    /**
     * The next sequence number to deliver: a Link numbers its data from 1, so the stream starts there, not at
     * the first packet that happens to arrive — over a fast path that can be a later one.
     */
    private long next = 1;
    private long givenUp;
    /** When the latest packet delivered in order (not after a give-up) arrived: the stream was still closing its gaps. */
    private long progressAt = Long.MIN_VALUE;

    ReorderBuffer(ReceiveWindow window, Sink sink) {
        this.window = window;
        this.sink = sink;
        this.held = new ByteBuf[window.size()];
        this.mask = held.length - 1;
    }

    /** Takes a newly accepted (not duplicate) packet; returns DELIVERED, HELD or LATE. */
    int offer(long seq, ByteBuf payload, int path, boolean mayHold) {
        if (seq < next) {
            sink.deliver(payload, path, false);
            return LATE;
        }
        if (seq == next) {
            progressAt = window.arrivalOf(seq);
        } else {
            if (seq - next >= held.length) {
                releaseUpTo(seq - 1, false);
            } else if (mayHold || heldCount > 0) {
                held[(int) seq & mask] = payload;
                heldCount++;
                highestHeld = Math.max(highestHeld, seq);
                return HELD;
            } else {
                givenUp += seq - next;
                next = seq;
            }
        }
        sink.deliver(payload, path, false);
        next = seq + 1;
        drain(false);
        return DELIVERED;
    }

    /**
     * Releases what has been held for {@code hold} nanoseconds or longer by {@code now} (since it arrived, or
     * since the stream last made progress in order, whichever is later, but never longer than {@code ceiling}),
     * with everything below it. Returns when the next held packet's hold ends, or -1 if nothing is held any more.
     */
    long expire(long now, long hold, long ceiling) {
        if (heldCount == 0) {
            return -1;
        }
        long expiredUpTo = -1;
        for (long s = next + 1; s <= highestHeld; s++) {
            if (held[(int) s & mask] != null && deadlineOf(s, hold, ceiling) <= now) {
                expiredUpTo = s;
            }
        }
        if (expiredUpTo > 0) {
            releaseUpTo(expiredUpTo, true);
        }
        return nextDeadline(hold, ceiling);
    }

    /** When the first held packet's hold ends, or -1 if nothing is held. */
    long nextDeadline(long hold, long ceiling) {
        if (heldCount == 0) {
            return -1;
        }
        long earliest = Long.MAX_VALUE;
        for (long s = next + 1; s <= highestHeld; s++) {
            if (held[(int) s & mask] != null) {
                earliest = Math.min(earliest, deadlineOf(s, hold, ceiling));
            }
        }
        return earliest;
    }

    private long deadlineOf(long seq, long hold, long ceiling) {
        long arrival = window.arrivalOf(seq);
        return Math.min(arrival + ceiling, Math.max(arrival, progressAt) + hold);
    }

    /** The window moved to {@code seq} (a resync): what is held goes out in order, and delivery restarts there. */
    void restartAt(long seq) {
        if (heldCount > 0) {
            releaseUpTo(highestHeld, true);
        }
        highestHeld = 0;
        next = seq;
    }

    /** Nothing delivered or given up yet: a gap now is the start of the stream, still on its way or lost. */
    boolean atStart() {
        return next == 1;
    }

    int heldCount() {
        return heldCount;
    }

    /** Sequence numbers skipped without ever being delivered (lost, or arriving after they were given up). */
    long givenUp() {
        return givenUp;
    }

    /** Drops everything held, delivering nothing (the Link is closing). */
    void discard() {
        for (int i = 0; i < held.length && heldCount > 0; i++) {
            if (held[i] != null) {
                held[i].release();
                held[i] = null;
                heldCount--;
            }
        }
    }

    /** Gives up every gap up to {@code last} and releases the held packets there in order, then any that follow on. */
    private void releaseUpTo(long last, boolean afterExpiry) {
        for (long s = next; s <= last && heldCount > 0; s++) {
            ByteBuf payload = take(s);
            if (payload == null) {
                givenUp++;
            } else {
                sink.deliver(payload, window.pathOf(s), afterExpiry);
            }
            next = s + 1;
        }
        if (next <= last) {
            givenUp += last + 1 - next;
            next = last + 1;
        }
        drain(afterExpiry);
    }

    private void drain(boolean afterExpiry) {
        while (heldCount > 0) {
            ByteBuf payload = take(next);
            if (payload == null) {
                return;
            }
            sink.deliver(payload, window.pathOf(next), afterExpiry);
            next++;
        }
    }

    private ByteBuf take(long seq) {
        int i = (int) seq & mask;
        ByteBuf payload = held[i];
        if (payload != null) {
            held[i] = null;
            heldCount--;
        }
        return payload;
    }
}
