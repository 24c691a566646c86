package dev.punchline.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a service running until SIGTERM or SIGINT (or, in-process, an interrupt of the waiting
 * thread), then closes it on the thread that started it. A signal makes the JVM exit with 143
 * once its shutdown hooks end; a service manager reads that as a crash, so after a clean close
 * the hook ends the process with 0 itself.
 */
final class RunUntilStopped {

    private static final Logger LOG = LoggerFactory.getLogger(RunUntilStopped.class);

    private RunUntilStopped() {
    }

    /** Blocks until asked to stop, then closes {@code service} and returns. */
    static void run(String name, AutoCloseable service) throws Exception {
        Thread runner = Thread.currentThread();
        CountDownLatch finished = new CountDownLatch(1);
        AtomicBoolean closedCleanly = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            runner.interrupt();
            Runtime.getRuntime().halt(awaitFinish(finished) && closedCleanly.get() ? 0 : 1);
        }, name + "-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException stopRequested) {
            LOG.info("stopping {}", name);
        }
        try {
            service.close();
            closedCleanly.set(true);
        } finally {
            finished.countDown();
            removeHook(hook);
        }
    }

    private static boolean awaitFinish(CountDownLatch finished) {
        try {
            return finished.await(CliTimings.STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook itself is running and will end the process.
        }
    }
}
