package dev.punchline.tun.process;

import dev.punchline.tun.TunTimings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A program run beside Punchline (coturn, iperf3, a JVM in a lab host's namespace...). Its stdout and stderr go to
 * {@code NAME-N.log} in the directory the system property {@value #LOG_DIRECTORY_PROPERTY} names (default
 * {@code target/external-logs}); failures carry the log's tail so a report shows what the program said. Stopping
 * it (or closing it, or the JVM exiting) takes its descendants down too, so nothing is left holding a port.
 */
public final class ExternalProcess implements AutoCloseable {

    public static final String LOG_DIRECTORY_PROPERTY = "punchline.process.logs";
    private static final Path LOG_DIRECTORY = Path.of(System.getProperty(LOG_DIRECTORY_PROPERTY,
            Path.of("target", "external-logs").toString()));
    private static final int TAIL_LINES = 40;

    /** Every process started in this JVM, in start order; a test report reads it through {@link #startedSince}. */
    private static final List<ExternalProcess> STARTED = new CopyOnWriteArrayList<>();
    private static final AtomicBoolean HOOK_INSTALLED = new AtomicBoolean();

    private final String name;
    private final List<String> command;
    private final Path logFile;
    private final Process process;

    private ExternalProcess(String name, List<String> command, Path logFile, Process process) {
        this.name = name;
        this.command = List.copyOf(command);
        this.logFile = logFile;
        this.process = process;
    }

    public static ExternalProcess start(String name, String... command) {
        return start(name, List.of(command));
    }

    /** Starts {@code command}; a program that cannot be started at all throws {@link ExternalProcessException}. */
    public static ExternalProcess start(String name, List<String> command) {
        installShutdownHook();
        Path logFile = createLogFile(name);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ExternalProcessException("cannot start " + name + " " + command + ": " + e.getMessage(), e);
        }
        ExternalProcess started = new ExternalProcess(name, command, logFile, process);
        STARTED.add(started);
        return started;
    }

    /** Starts the same command again under the same name, with a new log file: a restart after {@link #kill}. */
    public ExternalProcess restart() {
        return start(name, command);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the program has written so far (stdout and stderr interleaved). */
    public String output() {
        try {
            return new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last {@code lines} lines of the output. */
    public String tail(int lines) {
        List<String> all = output().lines().collect(Collectors.toList());
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /**
     * Waits until the output (from its beginning) matches {@code pattern}, and returns the match
     * so a test can read groups from it (a port, an address). Fails with the log tail if the
     * timeout passes or the program exits first.
     */
    public MatchResult waitForOutput(Pattern pattern, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            // Read liveness before the output, so output written just before an exit is still seen.
            boolean alive = process.isAlive();
            Matcher matcher = pattern.matcher(output());
            if (matcher.find()) {
                return matcher.toMatchResult();
            }
            if (!alive) {
                throw failure("exited with status " + process.exitValue() + " before printing /" + pattern + "/");
            }
            if (System.nanoTime() - deadline > 0) {
                throw failure("did not print /" + pattern + "/ within " + timeout.toMillis() + " ms");
            }
            sleep(TunTimings.PROCESS_OUTPUT_POLL);
        }
    }

    /** Waits for the program to end by itself and returns its exit status; fails with the log tail on timeout. */
    public int waitForExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw failure("still running after " + timeout.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while waiting for it to exit");
        }
        return process.exitValue();
    }

    /** The exit status of a program that has ended (after {@link #stop()}, for example). */
    public int exitStatus() {
        if (process.isAlive()) {
            throw failure("is still running; it has no exit status yet");
        }
        return process.exitValue();
    }

    /** An error about this program whose message carries its command line and log tail. */
    public ExternalProcessException failure(String message) {
        return new ExternalProcessException(name + " (pid " + pid() + ") " + message + "\n" + describe());
    }

    /** Command, log file and log tail, for a test report. */
    public String describe() {
        return "command: " + String.join(" ", command) + "\nlog: " + logFile.toAbsolutePath()
                + "\n----- last " + TAIL_LINES + " lines -----\n" + tail(TAIL_LINES) + "\n-----";
    }

    /**
     * SIGTERM to the program and all its descendants, SIGKILL to whatever is still alive after
     * {@link TunTimings#PROCESS_STOP_GRACE}. Returns once every one of them is gone. Idempotent.
     */
    public void stop() {
        Set<ProcessHandle> tree = tree();
        tree.forEach(ProcessHandle::destroy);
        awaitExit(tree, TunTimings.PROCESS_STOP_GRACE);
        // Children may have forked meanwhile; take them too.
        Set<ProcessHandle> survivors = new LinkedHashSet<>();
        for (ProcessHandle handle : tree) {
            if (running(handle)) {
                survivors.add(handle);
                handle.descendants().forEach(survivors::add);
            }
        }
        survivors.forEach(ProcessHandle::destroyForcibly);
        if (!awaitExit(survivors, TunTimings.PROCESS_KILL_REAP)) {
            throw failure("survived SIGKILL (pids " + survivors.stream().filter(ExternalProcess::running)
                    .map(handle -> String.valueOf(handle.pid())).collect(Collectors.joining(", ")) + ")");
        }
        awaitReaped();
    }

    /** The program is our child: once it is dead, reaping it takes moments, and then its exit status is known. */
    private void awaitReaped() {
        try {
            if (!process.waitFor(TunTimings.PROCESS_KILL_REAP.toMillis(), TimeUnit.MILLISECONDS)) {
                throw failure("was not reaped after it died");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while waiting for it to be reaped");
        }
    }

    /**
     * SIGKILL to the program and all its descendants at once, as a crash would end it: no chance to clean up.
     * Returns once every one of them is gone. Idempotent.
     */
    public void kill() {
        Set<ProcessHandle> tree = tree();
        tree.forEach(ProcessHandle::destroyForcibly);
        if (!awaitExit(tree, TunTimings.PROCESS_KILL_REAP)) {
            throw failure("survived SIGKILL");
        }
        awaitReaped();
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return name + "[pid " + pid() + ", " + logFile + "]";
    }

    /** Processes started at or after position {@code from} of the start order (see {@link #startedCount}). */
    public static List<ExternalProcess> startedSince(int from) {
        List<ExternalProcess> snapshot = new ArrayList<>(STARTED);
        return Collections.unmodifiableList(snapshot.subList(Math.min(from, snapshot.size()), snapshot.size()));
    }

    /** How many processes this JVM has started so far: a position to pass to {@link #startedSince} later. */
    public static int startedCount() {
        return STARTED.size();
    }

    /** The program and every descendant, captured while they are still linked to it. */
    private Set<ProcessHandle> tree() {
        Set<ProcessHandle> tree = new LinkedHashSet<>();
        tree.add(process.toHandle());
        process.descendants().forEach(tree::add);
        return tree;
    }

    /**
     * Whether a process still runs. A zombie does not: it holds no socket or file any more, but
     * stays visible until its parent reaps it, and an orphan's new parent (PID 1 of a container
     * or VM) may take seconds to do so.
     */
    public static boolean running(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readAllLines(Path.of("/proc", String.valueOf(handle.pid()), "stat")).get(0);
            // The state follows the parenthesised command name, which may itself contain ") ".
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return handle.isAlive();
        }
    }

    /** Polls rather than using onExit(), which for a process that is not our child polls only every few hundred ms. */
    private static boolean awaitExit(Set<ProcessHandle> handles, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (handles.stream().anyMatch(ExternalProcess::running)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            sleep(TunTimings.PROCESS_OUTPUT_POLL);
        }
        return true;
    }

    private static Path createLogFile(String name) {
        try {
            Files.createDirectories(LOG_DIRECTORY);
            // createFile is atomic, so parallel forks and earlier runs never share a log.
            for (int n = 1; ; n++) {
                try {
                    return Files.createFile(LOG_DIRECTORY.resolve(name + "-" + n + ".log"));
                } catch (FileAlreadyExistsException taken) {
                    // Try the next number.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a log file for " + name, e);
        }
    }

    private static void installShutdownHook() {
        if (HOOK_INSTALLED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(ExternalProcess::killAll, "external-process-reaper"));
        }
    }

    /** At JVM exit there is no time for grace: SIGKILL every tree still running. */
    private static void killAll() {
        for (ExternalProcess started : STARTED) {
            if (started.process.isAlive()) {
                started.tree().forEach(ProcessHandle::destroyForcibly);
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExternalProcessException("interrupted", e);
        }
    }
}
