package dev.punchline.ice.control;

import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;

import java.util.concurrent.TimeUnit;

/**
 * The control threads every {@link IceController} runs its events and timers on: a small shared group,
 * each controller pinned to one of its single-threaded executors (so its work is serial), created with the
 * first controller and shut down with the last so that an idle process keeps none of our threads.
 * Daemon threads: a controller somebody forgot to close cannot hold the JVM.
 */
final class ControlThreads {

    /** ICE control work is a few events per second per session; two threads leave one free if a listener dawdles. */
    private static final int THREADS = 2;

    private static EventExecutorGroup group;
    private static int users;

    private ControlThreads() {
    }

    static synchronized EventExecutor acquire() {
        if (group == null) {
            group = new DefaultEventExecutorGroup(THREADS, new DefaultThreadFactory("punchline-ice-control", true));
        }
        users++;
        return group.next();
    }

    static synchronized void release() {
        if (--users == 0) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            group = null;
        }
    }
}
