package dev.punchline.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bench relay}: our TURN relay and coturn under the same load, side by side. */
@Command(name = "relay", mixinStandardHelpOptions = true, usageHelpWidth = 110, sortOptions = false,
        description = {
            "Our TURN relay against coturn: throughput, CPU, latency, memory.",
            "Runs the same load against our TURN relay (punchline relay) and coturn's turnserver, one after the other "
                    + "in one run, each as a process of its own on 127.0.0.1, and prints side by side: the highest "
                    + "relayed packets/s at <= 0.1 %% loss, CPU seconds per million relayed packets, p50/p99 added "
                    + "latency, memory per allocation, and the ratios ours/coturn.",
            "Stops by itself (each relay also runs under a time limit) and stops both relays on Ctrl-C."})
final class RelayBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--sessions", paramLabel = "N", description = "Allocations carrying load (default 32; --quick 8).")
    Integer sessions;

    @Option(names = "--payload", paramLabel = "BYTES", description = "Payload per packet (default 160, a G.711 "
            + "20 ms frame; at least 20).")
    int payloadBytes = 160;

    @Option(names = "--duration-per-step", paramLabel = "S", description = "Seconds of load per rate step "
            + "(default 4; --quick 0.5).")
    Double stepSeconds;

    @Option(names = "--quick", description = "Smoke mode: fewer sessions, short steps, no bisection; under a minute.")
    boolean quick;

    @Option(names = "--warm-up", paramLabel = "S", description = "Seconds of load before measuring (default 10; "
            + "--quick 0.6).")
    Double warmUpSeconds;

    @Option(names = "--start-rate", paramLabel = "PPS", description = "First offered rate, in relayed packets/s "
            + "(default 20000).")
    double startRelayed = 20_000;

    @Option(names = "--bisections", paramLabel = "N", description = "Steps narrowing in on the highest rate after "
            + "the first failure (default 4; --quick 0).")
    Integer bisections;

    @Option(names = "--latency-rate", paramLabel = "PPS", description = "Relayed packets/s at which latency is "
            + "measured (default 10000).")
    double latencyRelayed = 10_000;

    @Option(names = "--idle-allocations", paramLabel = "N", description = "N, the idle allocations whose memory is "
            + "measured (default 1000; --quick 50).")
    Integer idleAllocations;

    @Option(names = "--generator-threads", paramLabel = "N", description = "Event loops of the load generator "
            + "(default: the number of cores).")
    int generatorThreads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--relays", paramLabel = "NAME", split = ",", description = "Which relays, in order "
            + "(default punchline,coturn).")
    List<String> relays = new ArrayList<>(List.of("punchline", "coturn"));

    @Option(names = "--coturn", paramLabel = "PATH", description = "coturn's turnserver (default: turnserver).")
    String coturn = "turnserver";

    @Option(names = "--server-jvm-option", paramLabel = "OPTION", description = "A JVM option for our relay's "
            + "process; repeatable (default: none, as ./punchline runs it).")
    List<String> serverJvmOptions = new ArrayList<>();

    @Option(names = "--wait-for-idle", paramLabel = "S", description = "Wait up to S seconds at the start until "
            + "other processes leave the cores idle (default 0: start at once, and say how busy they were).")
    double waitForIdleSeconds;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Where relay logs go (default: a new directory "
            + "under the system's temporary directory).")
    Path workDirectory;

    @Override
    public Integer call() throws IOException, InterruptedException {
        return new RelayBenchmark(plan(), System.out).run().relays().stream().allMatch(r -> r.best().isPresent()) ? 0 : 1;
    }

    BenchPlan plan() throws IOException {
        int n = orDefault(sessions, 32, 8);
        double step = orDefault(stepSeconds, 4.0, 0.5);
        double warmUp = orDefault(warmUpSeconds, 10.0, 0.6);
        int idle = orDefault(idleAllocations, 1000, 50);
        require(n >= 1, "--sessions: at least 1");
        require(payloadBytes >= 20 && payloadBytes <= 1400, "--payload: 20 to 1400 bytes");
        require(step >= 0.1 && step <= 600, "--duration-per-step: 0.1 to 600 s");
        require(warmUp >= 0.1 && warmUp <= 600, "--warm-up: 0.1 to 600 s");
        require(idle >= 1 && n + idle <= 9_000, "--idle-allocations: at least 1, and with --sessions at most 9000");
        require(startRelayed >= 2 && latencyRelayed >= 2, "--start-rate and --latency-rate: at least 2");
        require(waitForIdleSeconds >= 0 && waitForIdleSeconds <= 3600, "--wait-for-idle: 0 to 3600 s");
        require(generatorThreads >= 1 && generatorThreads <= 64, "--generator-threads: 1 to 64");
        for (String relay : relays) {
            require(relay.equals("punchline") || relay.equals("coturn"), "--relays: punchline or coturn, not " + relay);
        }
        Path work = workDirectory != null ? Files.createDirectories(workDirectory)
                : Files.createTempDirectory("punchline-bench-");
        return new BenchPlan(n, payloadBytes, seconds(step), seconds(warmUp), startRelayed / 2, 2.0,
                orDefault(bisections, 4, 0), quick ? 3 : 16, latencyRelayed / 2, idle, generatorThreads,
                Runtime.getRuntime().availableProcessors(), List.copyOf(relays), coturn,
                List.copyOf(serverJvmOptions), work.toAbsolutePath(), seconds(waitForIdleSeconds));
    }

    private <T> T orDefault(T given, T normal, T quickValue) {
        return given != null ? given : quick ? quickValue : normal;
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    private static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
