package dev.punchline.ice.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class with Netty's leak detection at PARANOID (every buffer tracked) and fails it if any
 * buffer was garbage-collected unreleased. Also usable from jqwik's container hooks.
 */
public final class NoLeaks implements BeforeAllCallback, AfterAllCallback {
    private static final int GC_ROUNDS = 5;

    private ResourceLeakDetector.Level previous;

    @Override
    public void beforeAll(ExtensionContext context) {
        previous = start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        finish(previous);
    }

    static ResourceLeakDetector.Level start() {
        ResourceLeakDetector.Level previous = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        RecordingLeakDetector.forget();
        return previous;
    }

    /** Collects garbage and lets the detector look at it (it reports when the next buffer is tracked). */
    static void finish(ResourceLeakDetector.Level previous) throws InterruptedException {
        try {
            for (int i = 0; i < GC_ROUNDS; i++) {
                System.gc();
                Thread.sleep(20);
                for (ByteBuf probe : new ByteBuf[] {PooledByteBufAllocator.DEFAULT.buffer(1),
                    UnpooledByteBufAllocator.DEFAULT.buffer(1), PooledByteBufAllocator.DEFAULT.directBuffer(1)}) {
                    probe.release();
                }
            }
            assertEquals(List.of(), RecordingLeakDetector.leaks(), "ByteBufs leaked");
        } finally {
            ResourceLeakDetector.setLevel(previous);
        }
    }
}
