package dev.punchline.turn.server.transport;

import dev.punchline.turn.server.metrics.ConnectionCloseReason;
import dev.punchline.turn.server.metrics.TurnServerMetrics;
import dev.punchline.turn.server.policy.KeyedQuota;
import dev.punchline.turn.server.policy.SourcePrefix;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Caps TCP and TLS client connections in total and per source (IPv4 address or IPv6 /64), shared by every stream
 * listener. A connection over a cap is closed before a byte of it is read, so it never costs a TLS engine or a decoder.
 */
final class ConnectionAdmission {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionAdmission.class);

    private final KeyedQuota<InetAddress> quota;
    private final TurnServerMetrics metrics;

    ConnectionAdmission(int maxConnections, int maxPerSource, TurnServerMetrics metrics) {
        this.quota = new KeyedQuota<>(maxConnections, maxPerSource);
        this.metrics = metrics;
    }

    /** Whether {@code connection} may stay; if so, its place is given back when it closes. */
    boolean admit(Channel connection) {
        InetAddress source = SourcePrefix.of(((InetSocketAddress) connection.remoteAddress()).getAddress());
        KeyedQuota.Verdict verdict = quota.take(source);
        if (verdict != KeyedQuota.Verdict.TAKEN) {
            ConnectionCloseReason reason = verdict == KeyedQuota.Verdict.TOTAL_FULL
                    ? ConnectionCloseReason.TOTAL_LIMIT : ConnectionCloseReason.PER_IP_LIMIT;
            metrics.connectionClosed(reason);
            LOG.debug("connection from {} refused: {}", connection.remoteAddress(), reason.label());
            return false;
        }
        metrics.connectionsChanged(1);
        connection.closeFuture().addListener(f -> {
            quota.give(source);
            metrics.connectionsChanged(-1);
        });
        return true;
    }
}
