package dev.punchline.it.ice;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One direction of a {@link SessionPair}'s signalling, as a real channel (SIP INFO in a dialog, a WebSocket)
 * carries it: what one side announces (descriptions, trickled candidates) reaches the other side later, on
 * another thread than either session's, and in the order it was announced.
 */
final class SignalingChannel implements AutoCloseable {

    /** A message that fails to apply (the session closed under it) is reported, not retried. */
    @FunctionalInterface
    interface Message {
        void deliver() throws Exception;
    }

    private final String name;
    private final ExecutorService wire;

    SignalingChannel(String name) {
        this.name = name;
        this.wire = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "signaling-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Queues {@code message} behind everything sent before it; returns at once. */
    void send(Message message) {
        try {
            wire.execute(() -> {
                try {
                    message.deliver();
                } catch (Exception | AssertionError e) {
                    System.out.println("signaling " + name + ": " + e);
                }
            });
        } catch (RejectedExecutionException closed) {
            // The pair is closing: nothing is delivered any more.
        }
    }

    @Override
    public void close() throws InterruptedException {
        wire.shutdownNow();
        wire.awaitTermination(1, TimeUnit.SECONDS);
    }
}
