package dev.punchline.turn.server.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server's counters. Every event loop updates them on its hot path, so they are {@link LongAdder}s: no lock, no
 * shared cache line between loops. Gauges (allocations, permissions, channels) are adders that go up and down.
 */
public final class TurnServerMetrics {

    private final LongAdder allocations = new LongAdder();
    private final LongAdder allocationsCreated = new LongAdder();
    private final LongAdder permissions = new LongAdder();
    private final LongAdder channels = new LongAdder();
    private final LongAdder packetsToPeer = new LongAdder();
    private final LongAdder bytesToPeer = new LongAdder();
    private final LongAdder packetsToClient = new LongAdder();
    private final LongAdder bytesToClient = new LongAdder();
    private final LongAdder authFailures = new LongAdder();
    private final LongAdder staleNonces = new LongAdder();
    private final LongAdder quotaRefusals = new LongAdder();
    private final LongAdder capacityRefusals = new LongAdder();
    private final LongAdder peerRefusals = new LongAdder();
    private final Map<DropReason, LongAdder> drops = adders(DropReason.class);
    private final Map<DeletionReason, LongAdder> deletions = adders(DeletionReason.class);
    private final LongAdder connections = new LongAdder();
    private final Map<ConnectionCloseReason, LongAdder> connectionCloses = adders(ConnectionCloseReason.class);

    private static <E extends Enum<E>> Map<E, LongAdder> adders(Class<E> type) {
        Map<E, LongAdder> map = new EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            map.put(e, new LongAdder());
        }
        return map;
    }

    public void allocationCreated() {
        allocations.increment();
        allocationsCreated.increment();
    }

    public void allocationDeleted(DeletionReason reason) {
        allocations.decrement();
        deletions.get(reason).increment();
    }

    public void permissionsChanged(int delta) {
        permissions.add(delta);
    }

    public void channelsChanged(int delta) {
        channels.add(delta);
    }

    public void relayedToPeer(int bytes) {
        packetsToPeer.increment();
        bytesToPeer.add(bytes);
    }

    public void relayedToClient(int bytes) {
        packetsToClient.increment();
        bytesToClient.add(bytes);
    }

    /** A request carried credentials that were wrong (401 after MESSAGE-INTEGRITY, 441). Challenges do not count. */
    public void authFailure() {
        authFailures.increment();
    }

    public void staleNonce() {
        staleNonces.increment();
    }

    /** An Allocate refused with 486 because the user holds its quota. */
    public void quotaRefusal() {
        quotaRefusals.increment();
    }

    /** An Allocate refused with 508: total cap reached or no relay port left. */
    public void capacityRefusal() {
        capacityRefusals.increment();
    }

    /** A CreatePermission or ChannelBind refused with 403 by the peer address policy. */
    public void peerRefusal() {
        peerRefusals.increment();
    }

    public void drop(DropReason reason) {
        drops.get(reason).increment();
    }

    /** A TCP or TLS client connection was admitted (+1) or has closed (-1). */
    public void connectionsChanged(int delta) {
        connections.add(delta);
    }

    /** The server closed or refused a client connection; connections the client closes are not counted here. */
    public void connectionClosed(ConnectionCloseReason reason) {
        connectionCloses.get(reason).increment();
    }

    public long allocations() {
        return allocations.sum();
    }

    public long allocationsCreated() {
        return allocationsCreated.sum();
    }

    public long allocationsDeleted(DeletionReason reason) {
        return deletions.get(reason).sum();
    }

    public long permissions() {
        return permissions.sum();
    }

    public long channels() {
        return channels.sum();
    }

    public long packetsToPeer() {
        return packetsToPeer.sum();
    }

    public long bytesToPeer() {
        return bytesToPeer.sum();
    }

    public long packetsToClient() {
        return packetsToClient.sum();
    }

    public long bytesToClient() {
        return bytesToClient.sum();
    }

    public long authFailures() {
        return authFailures.sum();
    }

    public long staleNonces() {
        return staleNonces.sum();
    }

    public long quotaRefusals() {
        return quotaRefusals.sum();
    }

    public long capacityRefusals() {
        return capacityRefusals.sum();
    }

    public long peerRefusals() {
        return peerRefusals.sum();
    }

    public long drops(DropReason reason) {
        return drops.get(reason).sum();
    }

    public long connections() {
        return connections.sum();
    }

    public long connectionsClosed(ConnectionCloseReason reason) {
        return connectionCloses.get(reason).sum();
    }

    /** Prometheus text exposition format 0.0.4. */
    public String toPrometheusText() {
        StringBuilder out = new StringBuilder(2048);
        scalar(out, "allocations", "Allocations currently held.", "gauge", allocations());
        scalar(out, "allocations_created_total", "Allocations created.", "counter", allocationsCreated());
        header(out, "allocations_deleted_total", "Allocations deleted, by reason.", "counter");
        for (DeletionReason reason : DeletionReason.values()) {
            sample(out, "allocations_deleted_total", "reason", reason.label(), allocationsDeleted(reason));
        }
        scalar(out, "permissions", "Permissions currently installed.", "gauge", permissions());
        scalar(out, "channels", "Channels currently bound.", "gauge", channels());
        header(out, "relayed_packets_total", "Packets relayed, by direction.", "counter");
        sample(out, "relayed_packets_total", "direction", "to-peer", packetsToPeer());
        sample(out, "relayed_packets_total", "direction", "to-client", packetsToClient());
        header(out, "relayed_bytes_total", "Payload bytes relayed, by direction.", "counter");
        sample(out, "relayed_bytes_total", "direction", "to-peer", bytesToPeer());
        sample(out, "relayed_bytes_total", "direction", "to-client", bytesToClient());
        scalar(out, "auth_failures_total", "Requests with wrong credentials.", "counter", authFailures());
        scalar(out, "stale_nonces_total", "Requests answered 438 (stale nonce).", "counter", staleNonces());
        scalar(out, "quota_refusals_total", "Allocations refused with 486 (user quota).", "counter", quotaRefusals());
        scalar(out, "capacity_refusals_total", "Allocations refused with 508 (capacity).", "counter", capacityRefusals());
        scalar(out, "peer_refusals_total", "Peers refused with 403 by the address policy.", "counter", peerRefusals());
        header(out, "dropped_packets_total", "Packets not relayed, by reason.", "counter");
        for (DropReason reason : DropReason.values()) {
            sample(out, "dropped_packets_total", "reason", reason.label(), drops(reason));
        }
        scalar(out, "stream_connections", "TCP and TLS client connections currently open.", "gauge", connections());
        header(out, "stream_connections_closed_total", "Client connections the server closed or refused, by reason.",
                "counter");
        for (ConnectionCloseReason reason : ConnectionCloseReason.values()) {
            sample(out, "stream_connections_closed_total", "reason", reason.label(), connectionsClosed(reason));
        }
        return out.toString();
    }

    private static final String PREFIX = "punchline_turn_";

    private static void scalar(StringBuilder out, String name, String help, String type, long value) {
        header(out, name, help, type);
        out.append(PREFIX).append(name).append(' ').append(value).append('\n');
    }

    private static void header(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(PREFIX).append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(PREFIX).append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, String label, String value, long sample) {
        out.append(PREFIX).append(name).append('{').append(label).append("=\"").append(value).append("\"} ")
                .append(sample).append('\n');
    }
}
