package dev.punchline.bench.server;

import dev.punchline.bench.BenchTimings;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A relay the benchmark started. It runs under {@code timeout(1)}, so it ends by itself even if the benchmark is
 * killed outright; {@link #close()} (and, on Ctrl-C or any other exit, a shutdown hook) stops it before that. Its
 * output goes to a log file in its work directory.
 */
public final class RelayProcess implements AutoCloseable {

    private static final Set<RelayProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(RelayProcess::kill), "relay-reaper"));
    }

    private final String name;
    private final Process wrapper;
    private final ProcessHandle server;
    private final Path log;
    private final Path output;

    private RelayProcess(String name, Process wrapper, ProcessHandle server, Path log, Path output) {
        this.name = name;
        this.wrapper = wrapper;
        this.server = server;
        this.log = log;
        this.output = output;
    }

    /** Where a relay's stdout and stderr go. */
    static Path outputFile(RelayLauncher launcher, RelaySetup setup) {
        return setup.workDirectory().resolve(launcher.name() + ".out");
    }

    /**
     * Starts the relay and returns once it answers STUN on {@code setup.listen()}.
     *
     * @param timeLimit the relay is killed when this much time has passed, whatever happens to the benchmark
     */
    public static RelayProcess start(RelayLauncher launcher, RelaySetup setup, Duration timeLimit)
            throws IOException, InterruptedException {
        Files.createDirectories(setup.workDirectory());
        Path output = outputFile(launcher, setup);
        List<String> command = new ArrayList<>(List.of("timeout",
                "--kill-after=" + BenchTimings.SERVER_STOP_GRACE.toSeconds(), timeLimit.toSeconds() + "s"));
        command.addAll(launcher.command(setup));
        Process wrapper = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        RelayProcess relay = new RelayProcess(launcher.name(), wrapper, serverUnder(wrapper),
                launcher.logFile(setup), output);
        RUNNING.add(relay);
        try {
            relay.awaitStun(setup.listen());
        } catch (IOException | RuntimeException | InterruptedException e) {
            relay.close();
            throw e;
        }
        return relay;
    }

    public String name() {
        return name;
    }

    /** The server's own process id (not timeout's). */
    public long pid() {
        return server.pid();
    }

    public Path log() {
        return log;
    }

    public ProcessSample sample() {
        requireAlive();
        return ProcFs.sample(pid());
    }

    /** Fails, quoting the log, when the relay has ended: every figure after that would be meaningless. */
    public void requireAlive() {
        if (!server.isAlive()) {
            throw new IllegalStateException(name + " (pid " + pid() + ") has exited; its log " + log + " ends:\n"
                    + tail());
        }
    }

    /** SIGTERM, then SIGKILL once {@link BenchTimings#SERVER_STOP_GRACE} has passed. */
    @Override
    public void close() {
        RUNNING.remove(this);
        server.destroy();
        long deadline = System.nanoTime() + BenchTimings.SERVER_STOP_GRACE.toNanos();
        while (server.isAlive() && System.nanoTime() - deadline < 0) {
            pause(BenchTimings.START_PROBE_INTERVAL);
        }
        kill();
    }

    private void kill() {
        server.destroyForcibly();
        wrapper.destroyForcibly();
    }

    private void awaitStun(InetSocketAddress address) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + BenchTimings.SERVER_START.toNanos();
        while (!StunProbe.answers(address, BenchTimings.START_PROBE_INTERVAL)) {
            requireAlive();
            if (System.nanoTime() - deadline > 0) {
                throw new IOException(name + " did not answer STUN on " + address + " within "
                        + BenchTimings.SERVER_START.toSeconds() + " s; its log " + log + " ends:\n" + tail());
            }
        }
    }

    /** timeout(1) forks the server at once; its only child is the server. */
    private static ProcessHandle serverUnder(Process wrapper) throws IOException {
        long deadline = System.nanoTime() + BenchTimings.SERVER_START.toNanos();
        while (System.nanoTime() - deadline < 0) {
            var child = wrapper.toHandle().children().findFirst();
            if (child.isPresent()) {
                return child.get();
            }
            if (!wrapper.isAlive()) {
                break;
            }
            pause(Duration.ofMillis(5));
        }
        wrapper.destroyForcibly();
        throw new IOException("timeout(1) started no server: " + wrapper.info().commandLine().orElse("?"));
    }

    /** The end of the log, and of the output when that is another file (where a server says why it cannot start). */
    private String tail() {
        return log.equals(output) ? tail(log) : tail(log) + "\n" + output + " ends:\n" + tail(output);
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
