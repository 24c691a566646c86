package dev.punchline.tun.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Ends what lives in given network namespaces, then the namespaces. A process lives in a namespace when its
 * {@code /proc/PID/ns/net} is the namespace file's inode (what {@code ip netns pids} checks), read here directly
 * because teardown and the stale-lab sweep need it for every namespace of a lab at once.
 */
final class NamespaceProcesses {

    private static final Path NETNS = Path.of("/var/run/netns");

    private NamespaceProcesses() {
    }

    /**
     * Deletes the named namespaces that exist ({@code ip netns delete}, one process for all); the kernel frees each
     * with its interfaces once nothing uses it any more.
     */
    static void deleteAll(Collection<String> namespaces) {
        List<String> existing = namespaces.stream().filter(name -> Files.exists(NETNS.resolve(name)))
                .map(name -> "netns delete " + name).toList();
        LabCommands.ipBatch(existing);
    }

    /**
     * SIGKILLs every process in any of the named namespaces (never this JVM), so nothing keeps running in a
     * namespace about to be deleted; returns how many it killed.
     */
    static int killAll(Collection<String> namespaces) {
        Set<Long> inodes = new HashSet<>();
        for (String namespace : namespaces) {
            try {
                inodes.add((Long) Files.getAttribute(NETNS.resolve(namespace), "unix:ino"));
            } catch (IOException | UnsupportedOperationException gone) {
                // Already deleted, or never created: nothing can live in it.
            }
        }
        if (inodes.isEmpty()) {
            return 0;
        }
        List<ProcessHandle> victims = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            entries.map(entry -> entry.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .filter(pid -> Long.parseLong(pid) != self && inodes.contains(netInode(pid)))
                    .forEach(pid -> ProcessHandle.of(Long.parseLong(pid)).ifPresent(victims::add));
        } catch (IOException e) {
            throw new LabException("cannot list processes: " + e.getMessage(), e);
        }
        victims.forEach(ProcessHandle::destroyForcibly);
        return victims.size();
    }

    /** The inode of a process's network namespace, from its {@code net:[INODE]} link; -1 if it has gone. */
    private static long netInode(String pid) {
        try {
            String link = Files.readSymbolicLink(Path.of("/proc", pid, "ns", "net")).toString();
            return Long.parseLong(link.substring(link.indexOf('[') + 1, link.length() - 1));
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }
}
