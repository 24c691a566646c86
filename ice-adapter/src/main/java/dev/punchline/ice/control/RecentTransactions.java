package dev.punchline.ice.control;

import dev.punchline.ice.IceTimings;
import dev.punchline.turn.wire.StunMessage;
import dev.punchline.turn.wire.TransactionId;
import io.netty.buffer.ByteBuf;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The transaction ids of the STUN requests one Agent sent lately. Responses carry no USERNAME, so this is
 * how a response finds the Agent that is waiting for it when several share a socket. Thread-safe: requests
 * are recorded on ice4j's threads, looked up on the socket's.
 */
final class RecentTransactions {

    /** Past this many entries, an insert first drops the ones older than the memory. */
    private static final int PRUNE_ABOVE = 1024;
    private static final long MEMORY_NANOS = IceTimings.TRANSACTION_MEMORY.toNanos();

    private final Map<TransactionId, Long> sentAt = new ConcurrentHashMap<>();

    /** Remembers {@code datagram}'s transaction id if it is a STUN request; leaves its indexes alone. */
    void recordIfRequest(ByteBuf datagram) {
        if (!StunMessage.looksLikeStun(datagram) || !isRequest(datagram)) {
            return;
        }
        byte[] id = new byte[TransactionId.LENGTH];
        datagram.getBytes(datagram.readerIndex() + 8, id);
        long now = System.nanoTime();
        if (sentAt.size() > PRUNE_ABOVE) {
            sentAt.values().removeIf(at -> now - at > MEMORY_NANOS);
        }
        sentAt.put(TransactionId.of(id), now);
    }

    boolean contains(TransactionId id) {
        Long at = sentAt.get(id);
        return at != null && System.nanoTime() - at <= MEMORY_NANOS;
    }

    /** RFC 8489 §5: the class bits C1 (type bit 8) and C0 (type bit 4) are both zero for a request. */
    private static boolean isRequest(ByteBuf datagram) {
        int type = datagram.getUnsignedShort(datagram.readerIndex());
        return (type & 0x0110) == 0;
    }
}
