package dev.punchline.turn.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Decodes test bytes and always gives the message back, so that tests cannot leak what they decode. */
final class Decoded {
    interface Check {
        void accept(StunMessage message) throws Exception;
    }

    private Decoded() {
    }

    static void check(byte[] bytes, Check check) throws Exception {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        StunMessage message = StunMessage.decode(buf);
        try {
            check.accept(message);
        } finally {
            message.release();
            assertEquals(1, buf.refCnt(), "the decoded message gave back its slice");
        }
    }

    /** Asserts that decoding fails, that the input buffer holds no extra reference, and returns the failure. */
    static StunParseException failure(byte[] bytes) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        StunParseException e = assertThrows(StunParseException.class, () -> StunMessage.decode(buf));
        assertEquals(1, buf.refCnt(), "a failed decode keeps no reference");
        return e;
    }
}
