package dev.punchline.bench.server;

import dev.punchline.bench.BenchTimings;
import dev.punchline.tun.process.ExternalProcess;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A relay the benchmark started, as an {@link ExternalProcess} (stopped with its descendants on {@link #close()} and
 * when this JVM exits, Ctrl-C included). It runs under {@code timeout(1)}, so it ends by itself even if the benchmark
 * is killed outright; the figures are read from the server process under it.
 */
public final class RelayProcess implements AutoCloseable {

    private static final int TAIL_LINES = 20;

    private final String name;
    private final ExternalProcess process;
    private final ProcessHandle server;
    private final Optional<Path> ownLog;

    private RelayProcess(String name, ExternalProcess process, ProcessHandle server, Optional<Path> ownLog) {
        this.name = name;
        this.process = process;
        this.server = server;
        this.ownLog = ownLog;
    }

    /**
     * Starts the relay and returns once it answers STUN on {@code setup.listen()}.
     *
     * @param timeLimit the relay is killed when this much time has passed, whatever happens to the benchmark
     */
    public static RelayProcess start(RelayLauncher launcher, RelaySetup setup, Duration timeLimit)
            throws IOException, InterruptedException {
        Files.createDirectories(setup.workDirectory());
        List<String> command = new ArrayList<>(List.of("timeout",
                "--kill-after=" + BenchTimings.SERVER_STOP_GRACE.toSeconds(), timeLimit.toSeconds() + "s"));
        command.addAll(launcher.command(setup));
        ExternalProcess process = ExternalProcess.start(launcher.name(), command);
        RelayProcess relay;
        try {
            relay = new RelayProcess(launcher.name(), process, serverUnder(process), launcher.ownLogFile(setup));
        } catch (IOException | RuntimeException e) {
            process.stop();
            throw e;
        }
        try {
            relay.awaitStun(setup.listen());
        } catch (IOException | RuntimeException | InterruptedException e) {
            relay.close();
            throw e;
        }
        return relay;
    }

    /** The server's own process id (not timeout's). */
    public long pid() {
        return server.pid();
    }

    /** Where the server logs: its own log file, or else its output. */
    public Path log() {
        return ownLog.orElse(process.logFile());
    }

    public ProcessSample sample() {
        requireAlive();
        return ProcFs.sample(pid());
    }

    /** Fails, quoting the logs, when the relay has ended: every figure after that would be meaningless. */
    public void requireAlive() {
        if (!server.isAlive()) {
            throw new IllegalStateException(name + " (pid " + pid() + ") has exited\n" + describe());
        }
    }

    @Override
    public void close() {
        process.stop();
    }

    private void awaitStun(InetSocketAddress address) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + BenchTimings.SERVER_START.toNanos();
        while (!StunProbe.answers(address, BenchTimings.START_PROBE_INTERVAL)) {
            requireAlive();
            if (System.nanoTime() - deadline > 0) {
                throw new IOException(name + " did not answer STUN on " + address + " within "
                        + BenchTimings.SERVER_START.toSeconds() + " s\n" + describe());
            }
        }
    }

    /** timeout(1) forks the server at once; its only child is the server. */
    private static ProcessHandle serverUnder(ExternalProcess wrapper) throws IOException, InterruptedException {
        ProcessHandle timeout = ProcessHandle.of(wrapper.pid()).orElseThrow(
                () -> new IOException("timeout(1) ended at once\n" + wrapper.describe()));
        long deadline = System.nanoTime() + BenchTimings.SERVER_START.toNanos();
        while (System.nanoTime() - deadline < 0 && timeout.isAlive()) {
            Optional<ProcessHandle> child = timeout.children().findFirst();
            if (child.isPresent()) {
                return child.get();
            }
            Thread.sleep(BenchTimings.CHILD_POLL.toMillis());
        }
        throw new IOException("timeout(1) started no server\n" + wrapper.describe());
    }

    /** The command and output, and the end of the server's own log if it keeps one. */
    private String describe() {
        return process.describe() + ownLog.map(log -> "\n" + log + " ends:\n" + tail(log)).orElse("");
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
