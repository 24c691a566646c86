package dev.punchline.ice.net;

import io.netty.buffer.ByteBuf;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which ICE agent started which STUN transaction, so that responses (which carry no USERNAME) reach it. An
 * entry lives {@code memoryNanos} after the request's last (re)transmission; at most {@code capacity}
 * entries, the oldest forgotten first, so a flood of requests cannot grow it without bound.
 */
final class StunTransactions {
    private static final int TRANSACTION_ID_OFFSET = 8;
    /** The class bits C1 (0x0100) and C0 (0x0010) of the message type (RFC 8489 §5). */
    private static final int CLASS_BITS = 0x0110;
    private static final int REQUEST = 0x0000;
    private static final int INDICATION = 0x0010;
    private static final int BINDING = 0x0001;

    /** The 96-bit transaction id, read without copying it into an array. */
    private record Key(long high, int low) {
        static Key of(ByteBuf stun) {
            int at = stun.readerIndex() + TRANSACTION_ID_OFFSET;
            return new Key(stun.getLong(at), stun.getInt(at + Long.BYTES));
        }
    }

    private record Entry(AgentRoute owner, long expiresAt) {
    }

    private final long memoryNanos;
    private final int capacity;
    private final Map<Key, Entry> entries = new LinkedHashMap<>();
    private long forgottenEarly;

    StunTransactions(long memoryNanos, int capacity) {
        this.memoryNanos = memoryNanos;
        this.capacity = capacity;
    }

    /** Remembers that {@code owner} sent the STUN request {@code stun} (a retransmission renews the entry). */
    synchronized void started(ByteBuf stun, AgentRoute owner, long now) {
        Key key = Key.of(stun);
        entries.remove(key);
        entries.put(key, new Entry(owner, now + memoryNanos));
        expire(now);
        if (entries.size() > capacity) {
            Iterator<Entry> oldest = entries.values().iterator();
            oldest.next();
            oldest.remove();
            forgottenEarly++;
        }
    }

    /** The agent that started the transaction of the response {@code stun}, if remembered and still open. */
    synchronized AgentRoute owner(ByteBuf stun, long now) {
        Entry e = entries.get(Key.of(stun));
        if (e == null || e.expiresAt - now < 0 || e.owner.isClosed()) {
            return null;
        }
        return e.owner;
    }

    /** For a datagram that looks like STUN: whether it is a request. */
    static boolean isRequest(ByteBuf stun) {
        return (stun.getUnsignedShort(stun.readerIndex()) & CLASS_BITS) == REQUEST;
    }

    /** For a datagram that looks like STUN: whether it is a success or error response. */
    static boolean isResponse(ByteBuf stun) {
        int bits = stun.getUnsignedShort(stun.readerIndex()) & CLASS_BITS;
        return bits != REQUEST && bits != INDICATION;
    }

    /** For a datagram that looks like STUN: whether it is a Binding indication (type 0x0011). */
    static boolean isBindingIndication(ByteBuf stun) {
        return stun.getUnsignedShort(stun.readerIndex()) == (INDICATION | BINDING);
    }

    synchronized int size() {
        return entries.size();
    }

    /** Entries dropped for room before they expired: a sign that the capacity is too small. */
    synchronized long forgottenEarly() {
        return forgottenEarly;
    }

    /** Entries are in order of their last renewal, hence of expiry: stop at the first live one. */
    private void expire(long now) {
        Iterator<Entry> it = entries.values().iterator();
        while (it.hasNext()) {
            Entry e = it.next();
            if (e.expiresAt - now >= 0 && !e.owner.isClosed()) {
                return;
            }
            it.remove();
        }
    }
}
