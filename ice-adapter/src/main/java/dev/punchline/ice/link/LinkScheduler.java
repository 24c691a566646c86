package dev.punchline.ice.link;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * The Link's clock and timer: the event loop in production ({@link #of}), a virtual clock in tests, so that
 * timing behaviour is tested exactly and without waiting. The Link calls it only from the thread it runs on,
 * and expects its tasks to run on that same thread.
 */
public interface LinkScheduler {

    /** Monotonic time in nanoseconds (only differences matter). */
    long nanoTime();

    /** Runs {@code task} once, {@code delayNanos} from now (at once if not positive). */
    Timer schedule(Runnable task, long delayNanos);

    /** A scheduled task that has not run yet can be cancelled; cancelling afterwards does nothing. */
    @FunctionalInterface
    interface Timer {
        void cancel();
    }

    /** The production binding: Netty's event loop (whose thread must be the only one calling into the Link). */
    static LinkScheduler of(EventExecutor executor) {
        return new LinkScheduler() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public Timer schedule(Runnable task, long delayNanos) {
                ScheduledFuture<?> future = executor.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
                return () -> future.cancel(false);
            }
        };
    }
}
