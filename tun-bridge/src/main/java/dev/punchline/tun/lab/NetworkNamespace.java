package dev.punchline.tun.lab;

import dev.punchline.tun.LinuxLibc;
import dev.punchline.tun.TunTimings;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs Java code inside a named network namespace ({@code /var/run/netns/NAME}) without a new process. A namespace
 * belongs to a thread, not to the JVM, so this owns one thread that enters the namespace ({@code setns}) before its
 * first task and never leaves it; tasks run there one at a time. A socket keeps the namespace it was created in, so
 * a socket opened by a task works from any thread afterwards. Threads a task starts inherit the namespace too
 * (a Netty event loop group created there, for example), which is also what {@link #threadFactory} provides.
 * No thread this class does not own is ever moved.
 */
public final class NetworkNamespace implements AutoCloseable {

    private static final String NETNS_DIRECTORY = "/var/run/netns/";

    private final String name;
    private final ExecutorService executor;
    private volatile Thread thread;
    private boolean entered;

    public NetworkNamespace(String name) {
        this.name = name;
        this.executor = Executors.newSingleThreadExecutor(task -> {
            Thread created = new Thread(task, "netns-" + name);
            created.setDaemon(true);
            thread = created;
            return created;
        });
    }

    public String name() {
        return name;
    }

    /**
     * Runs {@code task} on this namespace's thread and returns its result; its exception is rethrown as is. Called
     * from that thread itself, it runs the task directly.
     */
    public <T> T call(Callable<T> task) throws Exception {
        if (Thread.currentThread() == thread) {
            return task.call();
        }
        Future<T> result = executor.submit(() -> {
            enter();
            return task.call();
        });
        try {
            return result.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw (Error) cause;
        }
    }

    /** {@link #call} for tasks whose only checked exceptions are the lab's to report. */
    <T> T callUnchecked(String what, Callable<T> task) {
        try {
            return call(task);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new LabException(what + " in " + name + " failed: " + e, e);
        }
    }

    /**
     * Daemon threads that enter this namespace before running anything, for executors and event loops; their names
     * start with the namespace's.
     */
    public ThreadFactory threadFactory(String threadName) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread created = new Thread(() -> {
                LinuxLibc.enterNetworkNamespace(NETNS_DIRECTORY + name);
                task.run();
            }, name + "-" + threadName + "-" + count.incrementAndGet());
            created.setDaemon(true);
            return created;
        };
    }

    /**
     * Ends the namespace's thread, which then no longer holds the namespace: interrupts a running task, drops queued
     * ones, and waits up to {@link TunTimings#NAMESPACE_THREAD_EXIT} for the thread to end.
     */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(TunTimings.NAMESPACE_THREAD_EXIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "netns " + name;
    }

    /** Only ever runs on the executor's single thread, so {@code entered} needs no synchronisation. */
    private void enter() {
        if (!entered) {
            LinuxLibc.enterNetworkNamespace(NETNS_DIRECTORY + name);
            entered = true;
        }
    }
}
