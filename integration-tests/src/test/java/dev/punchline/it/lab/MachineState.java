package dev.punchline.it.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a lab must leave as it found: the machine's own interfaces, addresses, routes, policy rules and nftables
 * ruleset (all read in the root namespace), and, for one lab, no namespace, thread or process of its own.
 */
record MachineState(String links, String addresses, String routes, String rules, String firewall) {

    /** The root namespace's network configuration now, without the lifetimes that count down by themselves. */
    static MachineState capture() {
        return new MachineState(run("ip", "-o", "link", "show"), timeless(run("ip", "-o", "address", "show")),
                timeless(run("ip", "route", "show", "table", "all") + run("ip", "-6", "route", "show", "table", "all")),
                run("ip", "rule", "show") + run("ip", "-6", "rule", "show"), run("nft", "list", "ruleset"));
    }

    private static String timeless(String output) {
        return output.replaceAll("(valid_lft|preferred_lft|expires) \\S+", "");
    }

    /** Names of the namespaces that start with {@code prefix}. */
    static List<String> namespaces(String prefix) {
        return run("ip", "netns", "list").lines().map(line -> line.split(" ")[0])
                .filter(name -> name.startsWith(prefix)).toList();
    }

    /** Threads of this JVM whose name mentions {@code prefix} (namespace threads, the WAN emulator's). */
    static List<String> threads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.contains(prefix)).toList();
    }

    /** The inode of a namespace's file: the namespace's identity for as long as anything holds it. */
    static long inode(String namespace) throws IOException {
        return (Long) Files.getAttribute(Path.of("/var/run/netns", namespace), "unix:ino");
    }

    /** Threads of any process on the machine that are in one of these namespaces. */
    static List<String> tasksIn(Set<Long> inodes) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try (Stream<Path> tasks = Files.list(process.resolve("task"))) {
                    tasks.filter(task -> inodes.contains(netInode(task))).forEach(task -> found.add(task.toString()));
                } catch (IOException gone) {
                    // The process ended while we looked.
                }
            }
        }
        return found;
    }

    private static long netInode(Path task) {
        try {
            String link = Files.readSymbolicLink(task.resolve("ns/net")).toString();
            return Long.parseLong(link.substring(link.indexOf('[') + 1, link.length() - 1));
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
