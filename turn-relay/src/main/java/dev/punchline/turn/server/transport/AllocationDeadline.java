package dev.punchline.turn.server.transport;

import dev.punchline.turn.server.metrics.ConnectionCloseReason;
import dev.punchline.turn.server.metrics.TurnServerMetrics;
import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a TCP or TLS client connection that holds no allocation for too long. Anyone can open a connection; without
 * this, one that never allocates would hold its socket and buffers until the client chose to leave. Runs on the
 * connection's loop, like everything that starts and stops it.
 */
final class AllocationDeadline {

    private static final Logger LOG = LoggerFactory.getLogger(AllocationDeadline.class);

    private final Channel connection;
    private final long timeoutNanos;
    private final TurnServerMetrics metrics;
    private ScheduledFuture<?> pending;

    AllocationDeadline(Channel connection, Duration timeout, TurnServerMetrics metrics) {
        this.connection = connection;
        this.timeoutNanos = timeout.toNanos();
        this.metrics = metrics;
    }

    /** The connection has no allocation (it just opened, or its allocation ended): the clock starts. */
    void start() {
        if (pending == null && connection.isActive()) {
            pending = connection.eventLoop().schedule(this::expire, timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** The connection holds an allocation, or is closing. */
    void cancel() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    private void expire() {
        pending = null;
        if (connection.isActive()) {
            metrics.connectionClosed(ConnectionCloseReason.NO_ALLOCATION);
            LOG.debug("closing connection from {}: no allocation for {} ms", connection.remoteAddress(),
                    TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
            connection.close();
        }
    }
}
