package dev.punchline.tun.lab;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The labs of this JVM that are up, and the one shutdown hook that tears them down when the JVM exits without
 * closing them: an interrupted build (Ctrl-C, SIGTERM), or a test runner that gave up on a hung test.
 */
final class OpenLabs {

    private static final Set<Lab> OPEN = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOK_INSTALLED = new AtomicBoolean();

    private OpenLabs() {
    }

    static void add(Lab lab) {
        if (HOOK_INSTALLED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(OpenLabs::closeAll, "lab-teardown"));
        }
        OPEN.add(lab);
    }

    static void remove(Lab lab) {
        OPEN.remove(lab);
    }

    private static void closeAll() {
        for (Lab lab : List.copyOf(OPEN)) {
            try {
                lab.close();
            } catch (RuntimeException e) {
                // Standard error is all that is left at this point; a sweep removes whatever this missed.
                System.err.println("tearing down lab " + lab.prefix() + " at exit failed: " + e);
            }
        }
    }
}
