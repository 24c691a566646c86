package dev.punchline.ice.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;

/** The leak check the data-plane tests rely on does catch a leak. */
class NoLeaksTest {

    @Test
    void aBufferNobodyReleasedFailsTheCheck() throws Exception {
        ResourceLeakDetector.Level previous = NoLeaks.start();
        leakOne();
        AssertionError failure = assertThrows(AssertionError.class, () -> NoLeaks.finish(previous));
        assertFalse(RecordingLeakDetector.leaks().isEmpty());
        RecordingLeakDetector.forget();
        assertEquals(previous, ResourceLeakDetector.getLevel(), failure.getMessage());
    }

    private static void leakOne() {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.buffer(64);
        leaked.writeInt(42);
    }
}
