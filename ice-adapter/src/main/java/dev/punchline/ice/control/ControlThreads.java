package dev.punchline.ice.control;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The control threads every {@link IceController} runs its events and timers on: a small shared pool, each
 * controller getting a {@link SerialExecutor} over it, created with the first controller and shut down with
 * the last so that an idle process keeps none of our threads. Plain JDK threads, daemon: a controller
 * somebody forgot to close cannot hold the JVM, and shutting down wakes nothing else (a Netty group's
 * termination would start Netty's non-daemon GlobalEventExecutor thread for a second).
 */
final class ControlThreads {

    /** ICE control work is a few events per second per session; two threads leave one free if a listener dawdles. */
    private static final int THREADS = 2;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private static ScheduledThreadPoolExecutor pool;
    private static int users;

    private ControlThreads() {
    }

    static synchronized SerialExecutor acquire() {
        if (pool == null) {
            pool = new ScheduledThreadPoolExecutor(THREADS, daemonThreads("punchline-ice-control-" + POOLS.incrementAndGet()));
            pool.setRemoveOnCancelPolicy(true);
        }
        users++;
        return new SerialExecutor(pool);
    }

    static synchronized void release() {
        if (--users == 0) {
            pool.shutdownNow();
            pool = null;
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
