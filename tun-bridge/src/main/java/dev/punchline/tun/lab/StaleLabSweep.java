package dev.punchline.tun.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what earlier runs of this project left behind when their JVM died without tearing its lab down (SIGKILL,
 * a crash, a kept lab): every namespace whose name carries this project's prefix ({@link LabPrefix}) and whose
 * owning JVM is no longer alive, after killing the processes still running in it. Namespaces of live runs, and
 * every namespace without the prefix, are never touched.
 */
public final class StaleLabSweep {

    private static final Logger LOG = LoggerFactory.getLogger(StaleLabSweep.class);
    private static final Path NETNS = Path.of("/var/run/netns");
    private static final AtomicBoolean SWEPT = new AtomicBoolean();

    private StaleLabSweep() {
    }

    /** Sweeps and returns the names of the namespaces it removed. */
    public static List<String> sweep() {
        List<String> stale = staleNamespaces();
        if (!stale.isEmpty()) {
            int killed = NamespaceProcesses.killAll(stale);
            NamespaceProcesses.deleteAll(stale);
            LOG.info("removed {} namespaces of dead lab runs (and {} processes in them): {}", stale.size(), killed,
                    stale);
        }
        return stale;
    }

    /** Sweeps on this JVM's first call only: before its first lab, which is when it matters. */
    static void sweepOnce() {
        if (SWEPT.compareAndSet(false, true)) {
            sweep();
        }
    }

    private static List<String> staleNamespaces() {
        if (!Files.isDirectory(NETNS)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(NETNS)) {
            return entries.map(entry -> entry.getFileName().toString())
                    .filter(name -> LabPrefix.of(name).map(prefix -> !prefix.ownerAlive()).orElse(false))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new LabException("cannot list " + NETNS + ": " + e.getMessage(), e);
        }
    }
}
