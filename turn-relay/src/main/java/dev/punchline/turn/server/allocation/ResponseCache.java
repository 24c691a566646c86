package dev.punchline.turn.server.allocation;

import dev.punchline.turn.TurnTimings;
import dev.punchline.turn.wire.TransactionId;

/**
 * The last few responses sent on one 5-tuple, so that a retransmitted request (same transaction id) gets the very same
 * answer instead of being executed twice (RFC 8489 §6.3.1; RFC 8656 §7.2 for Allocate). A retransmitted Allocate would
 * otherwise meet its own allocation and get 437. Loop-confined; a few entries are plenty because a client has only a
 * handful of transactions in flight.
 */
final class ResponseCache {

    private static final int SIZE = 8;
    private static final long TTL_NANOS = TurnTimings.RESPONSE_CACHE.toNanos();

    private final TransactionId[] ids = new TransactionId[SIZE];
    private final byte[][] responses = new byte[SIZE][];
    private final long[] storedAt = new long[SIZE];
    private int next;

    void put(TransactionId id, byte[] response, long now) {
        ids[next] = id;
        responses[next] = response;
        storedAt[next] = now;
        next = (next + 1) % SIZE;
    }

    /** The response sent to {@code id} within the last 40 s, or null. */
    byte[] get(TransactionId id, long now) {
        for (int i = 0; i < SIZE; i++) {
            if (id.equals(ids[i]) && now - storedAt[i] < TTL_NANOS) {
                return responses[i];
            }
        }
        return null;
    }
}
