package dev.punchline.turn.server.allocation;

import io.netty.channel.Channel;
import io.netty.channel.SingleThreadEventLoop;
import io.netty.util.concurrent.FastThreadLocal;

import java.util.ArrayList;

/**
 * Channels written to during one pass of the current event loop (every socket the pass found readable, then its
 * tasks), flushed together when the pass ends. A burst of datagrams for one socket then leaves in one sendmmsg call
 * instead of one syscall per packet, and so do the packets that several relay sockets, each read in the same pass, send
 * to their clients through the one listener socket. Loop-confined: each event-loop thread has its own batch, so there
 * is no lock.
 */
public final class FlushBatch {

    /** Past this many distinct channels a pass flushes early, so the list stays small and latency bounded. */
    private static final int MAX_PENDING = 64;

    private static final FastThreadLocal<FlushBatch> CURRENT = new FastThreadLocal<>() {
        @Override
        protected FlushBatch initialValue() {
            return new FlushBatch();
        }
    };

    private final ArrayList<Channel> pending = new ArrayList<>(MAX_PENDING);
    private final Runnable flushAll = this::flushAll;

    private FlushBatch() {
    }

    /**
     * Marks {@code channel}, just written to on its own event loop (the caller's thread), for the flush at the end of
     * this pass of that loop.
     */
    public static void add(Channel channel) {
        CURRENT.get().addChannel(channel);
    }

    private void addChannel(Channel channel) {
        if (!channel.isWritable()) {
            // Past its write-buffer high-water mark a channel is flushed at once: waiting for the end of the pass
            // would leave it unwritable, and the next packets for it dropped as congestion, while the socket has room.
            channel.flush();
        }
        int size = pending.size();
        // Passes mostly write to a few channels: checking the last few catches nearly every repeat cheaply;
        // a duplicate that slips through costs only an empty flush.
        for (int i = size - 1; i >= 0 && i >= size - 4; i--) {
            if (pending.get(i) == channel) {
                return;
            }
        }
        if (size == 0) {
            // Every Netty event loop that runs sockets (epoll, NIO) is one: tail tasks run once the pass's I/O and
            // tasks are done, and adding one from the loop itself wakes nothing up.
            ((SingleThreadEventLoop) channel.eventLoop()).executeAfterEventLoopIteration(flushAll);
        } else if (size == MAX_PENDING) {
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
