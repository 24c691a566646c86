package dev.punchline.ice.control;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One controller's control thread: its tasks run one at a time, in order, on a shared pool's threads.
 * A cancelled timer that already fired may still run its task, so tasks check their own state.
 */
final class SerialExecutor implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);
    /** Tasks run per turn before yielding the pool thread to other controllers. */
    private static final int BATCH = 64;

    private final ScheduledExecutorService pool;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    SerialExecutor(ScheduledExecutorService pool) {
        this.pool = pool;
    }

    /** Queues {@code task}; throws RejectedExecutionException once the control threads are gone. */
    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (scheduled.compareAndSet(false, true)) {
            pool.execute(this::drain);
        }
    }

    /** Runs {@code task} through this executor after {@code delay}. */
    ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return pool.schedule(() -> execute(task), delay, unit);
    }

    private void drain() {
        try {
            Runnable task;
            for (int i = 0; i < BATCH && (task = tasks.poll()) != null; i++) {
                try {
                    task.run();
                } catch (RejectedExecutionException e) {
                    LOG.debug("ICE control task ran as the control threads stopped", e);
                } catch (RuntimeException e) {
                    LOG.error("ICE control task failed", e);
                }
            }
        } finally {
            scheduled.set(false);
            if (!tasks.isEmpty() && scheduled.compareAndSet(false, true)) {
                pool.execute(this::drain);
            }
        }
    }
}
