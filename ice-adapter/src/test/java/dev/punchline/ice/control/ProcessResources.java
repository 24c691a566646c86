package dev.punchline.ice.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What the process holds: its live threads by name, its open file descriptors (Linux). */
public final class ProcessResources {

    /**
     * ice4j's static pools, shared by every Agent in the process: created on first use, never shut down,
     * their idle daemon threads leave after 60 s. Not ours to release.
     */
    static final List<String> ICE4J_STATIC_POOLS = List.of(
            "ice4j.Agent-timer-", "ice4j.Agent-executor-", "ice4j.StunStack-",
            "ice4j.StunClientTransaction-timer-", "ice4j.StunClientTransaction-executor-",
            "ice4j.NetAccessManager-");

    private ProcessResources() {
    }

    public static boolean isIce4jStaticPool(String threadName) {
        return ICE4J_STATIC_POOLS.stream().anyMatch(threadName::startsWith);
    }

    /** Live threads, sorted by name, without ice4j's static pools. */
    public static List<String> threadsOutsideIce4jPools() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> !isIce4jStaticPool(name)).sorted().toList();
    }

    static List<String> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith(prefix)).sorted().toList();
    }

    public static long openFileDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
