package dev.punchline.ice.net;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What {@link Demultiplexer} did with every datagram. Each datagram from the socket and each payload a TURN
 * client unwrapped has exactly one outcome, so {@code received() + unwrapped()} equals
 * {@code toTurnClients() + deliveredTotal() + droppedTotal()} whenever no datagram is in flight.
 */
public final class DemuxCounters {
    private final LongAdder received = new LongAdder();
    private final LongAdder unwrapped = new LongAdder();
    private final LongAdder toTurnClients = new LongAdder();
    private final Map<PacketClass, LongAdder> delivered = new EnumMap<>(PacketClass.class);
    private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);

    DemuxCounters() {
        for (PacketClass c : PacketClass.values()) {
            delivered.put(c, new LongAdder());
        }
        for (DropReason r : DropReason.values()) {
            dropped.put(r, new LongAdder());
        }
    }

    /** Datagrams the socket received. */
    public long received() {
        return received.sum();
    }

    /** Payloads the TURN clients unwrapped from ChannelData and Data indications, routed again. */
    public long unwrapped() {
        return unwrapped.sum();
    }

    /** Frames a TURN client took (responses, Data indications, ChannelData). */
    public long toTurnClients() {
        return toTurnClients.sum();
    }

    /** Datagrams of {@code packetClass} handed to an ICE agent, a peer's handler or a fallback. */
    public long delivered(PacketClass packetClass) {
        return delivered.get(packetClass).sum();
    }

    public long deliveredTotal() {
        return delivered.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long dropped(DropReason reason) {
        return dropped.get(reason).sum();
    }

    public long droppedTotal() {
        return dropped.values().stream().mapToLong(LongAdder::sum).sum();
    }

    void countReceived() {
        received.increment();
    }

    void countUnwrapped() {
        unwrapped.increment();
    }

    void countToTurnClient() {
        toTurnClients.increment();
    }

    void countDelivered(PacketClass packetClass) {
        delivered.get(packetClass).increment();
    }

    void countDropped(DropReason reason) {
        dropped.get(reason).increment();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("received ").append(received()).append(", unwrapped ").append(unwrapped())
                .append(", to TURN clients ").append(toTurnClients());
        delivered.forEach((c, n) -> appendNonZero(s, "delivered " + c, n.sum()));
        dropped.forEach((r, n) -> appendNonZero(s, "dropped " + r, n.sum()));
        return s.toString();
    }

    private static void appendNonZero(StringBuilder s, String label, long n) {
        if (n != 0) {
            s.append(", ").append(label).append(' ').append(n);
        }
    }
}
