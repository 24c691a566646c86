package dev.punchline.turn.wire;

import io.netty.buffer.ByteBuf;

import java.security.SecureRandom;

/**
 * The 96-bit transaction id (RFC 8489 §5). Held as a long and an int rather than an array so that
 * equality and hashing on the hot path (matching responses to requests) do not touch an array.
 */
public final class TransactionId {
    public static final int LENGTH = 12;

    /** RFC 8489 §5 wants ids that are cryptographically random so off-path attackers cannot forge responses. */
    private static final SecureRandom RANDOM = new SecureRandom();

    private final long high;
    private final int low;

    private TransactionId(long high, int low) {
        this.high = high;
        this.low = low;
    }

    public static TransactionId random() {
        byte[] b = new byte[LENGTH];
        RANDOM.nextBytes(b);
        return of(b);
    }

    public static TransactionId of(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a transaction id has " + LENGTH + " bytes");
        }
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (bytes[i] & 0xFF);
        }
        int l = 0;
        for (int i = 8; i < LENGTH; i++) {
            l = (l << 8) | (bytes[i] & 0xFF);
        }
        return new TransactionId(h, l);
    }

    static TransactionId read(ByteBuf buf, int index) {
        return new TransactionId(buf.getLong(index), buf.getInt(index + 8));
    }

    void writeTo(ByteBuf out) {
        out.writeLong(high).writeInt(low);
    }

    /** A fresh copy, so callers cannot change this id. */
    public byte[] bytes() {
        byte[] b = new byte[LENGTH];
        long h = high;
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) h;
            h >>>= 8;
        }
        int l = low;
        for (int i = LENGTH - 1; i >= 8; i--) {
            b[i] = (byte) l;
            l >>>= 8;
        }
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransactionId t && t.high == high && t.low == low;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(high) * 31 + low;
    }

    @Override
    public String toString() {
        return String.format("%016x%08x", high, low);
    }
}
