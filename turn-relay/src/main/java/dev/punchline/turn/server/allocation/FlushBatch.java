package dev.punchline.turn.server.allocation;

import io.netty.channel.Channel;
import io.netty.util.concurrent.FastThreadLocal;

import java.util.ArrayList;

/**
 * Channels written to during one read burst of the current event loop, flushed together when the burst ends. A burst
 * of datagrams for one socket then leaves in one sendmmsg call instead of one syscall per packet. Loop-confined: each
 * event-loop thread has its own batch, so there is no lock.
 */
public final class FlushBatch {

    /** Past this many distinct channels a burst flushes early, so the list stays small and latency bounded. */
    private static final int MAX_PENDING = 64;

    private static final FastThreadLocal<FlushBatch> CURRENT = new FastThreadLocal<>() {
        @Override
        protected FlushBatch initialValue() {
            return new FlushBatch();
        }
    };

    private final ArrayList<Channel> pending = new ArrayList<>(MAX_PENDING);

    private FlushBatch() {
    }

    /** Marks {@code channel} for the flush at the end of the current burst. */
    public static void add(Channel channel) {
        CURRENT.get().addChannel(channel);
    }

    /** Flushes every channel written to since the last call; handlers call it from channelReadComplete. */
    public static void flushPending() {
        CURRENT.get().flushAll();
    }

    private void addChannel(Channel channel) {
        int size = pending.size();
        // Bursts mostly go to one or two channels: checking the last few catches nearly every repeat cheaply;
        // a duplicate that slips through costs only an empty flush.
        for (int i = size - 1; i >= 0 && i >= size - 4; i--) {
            if (pending.get(i) == channel) {
                return;
            }
        }
        if (size == MAX_PENDING) {
            flushAll();
        }
        pending.add(channel);
    }

    private void flushAll() {
        for (int i = 0, n = pending.size(); i < n; i++) {
            pending.get(i).flush();
        }
        pending.clear();
    }
}
