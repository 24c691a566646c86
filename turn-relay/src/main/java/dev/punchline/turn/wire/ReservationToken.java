package dev.punchline.turn.wire;

import java.util.Arrays;

/** RESERVATION-TOKEN (RFC 8656 §18.11): 8 opaque bytes naming a reserved relay port. */
public record ReservationToken(byte[] token) implements StunAttribute {
    @Override
    public int type() {
        return AttributeType.RESERVATION_TOKEN;
    }

    /** By content: records compare arrays by identity otherwise. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ReservationToken other && Arrays.equals(token, other.token);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(token);
    }

    @Override
    public String toString() {
        return "ReservationToken[" + Hex.of(token) + "]";
    }
}
