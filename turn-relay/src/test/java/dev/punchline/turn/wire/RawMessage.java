package dev.punchline.turn.wire;

import java.io.ByteArrayOutputStream;

/**
 * Writes STUN bytes by hand, independently of the encoder under test, so tests can state exactly what is on
 * the wire — including what a correct encoder would never produce.
 */
final class RawMessage {
    static final byte[] TRANSACTION_ID = Rfc5769.hex("0102030405060708090a0b0c");

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final int messageType;
    private Integer lengthOverride;

    private RawMessage(int messageType) {
        this.messageType = messageType;
    }

    /** @param messageType the 16-bit type field, e.g. 0x0003 for an Allocate request */
    static RawMessage of(int messageType) {
        return new RawMessage(messageType);
    }

    /** An attribute with its true length, zero-padded. */
    RawMessage attr(int type, byte[] value) {
        return attr(type, value.length, value);
    }

    /** An attribute whose length field says {@code declaredLength}, followed by {@code value} zero-padded. */
    RawMessage attr(int type, int declaredLength, byte[] value) {
        short16(type);
        short16(declaredLength);
        body.writeBytes(value);
        for (int i = value.length; i % 4 != 0; i++) {
            body.write(0);
        }
        return this;
    }

    RawMessage attr(int type, String hexValue) {
        return attr(type, Rfc5769.hex(hexValue));
    }

    RawMessage raw(String hexBytes) {
        body.writeBytes(Rfc5769.hex(hexBytes));
        return this;
    }

    RawMessage length(int length) {
        lengthOverride = length;
        return this;
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int length = lengthOverride != null ? lengthOverride : body.size();
        out.write(messageType >> 8);
        out.write(messageType);
        out.write(length >> 8);
        out.write(length);
        out.writeBytes(Rfc5769.hex("2112a442"));
        out.writeBytes(TRANSACTION_ID);
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private void short16(int v) {
        body.write(v >> 8);
        body.write(v);
    }
}
