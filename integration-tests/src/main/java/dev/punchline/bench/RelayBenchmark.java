package dev.punchline.bench;

import dev.punchline.bench.load.LoadGenerator;
import dev.punchline.bench.load.SessionSet;
import dev.punchline.bench.load.StepResult;
import dev.punchline.bench.load.TurnEndpoint;
import dev.punchline.bench.server.CoturnLauncher;
import dev.punchline.bench.server.PortBlock;
import dev.punchline.bench.server.ProcessSample;
import dev.punchline.bench.server.PunchlineLauncher;
import dev.punchline.bench.server.RelayLauncher;
import dev.punchline.bench.server.RelayProcess;
import dev.punchline.bench.server.RelaySetup;
import io.netty.channel.Channel;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code bench relay}: the same load against each relay in turn, on this machine, in one run. Per relay: start it as
 * a process of its own, warm it up, measure the memory of idle allocations, search for the highest rate it carries,
 * measure latency at a moderate rate, stop it. Before the relays, the same generator measures the direct loopback
 * round trip that latency through a relay is compared with.
 */
public final class RelayBenchmark {

    private static final String REALM = "bench";
    private static final String USER = "bench";
    /** A throwaway credential of a relay that only listens on 127.0.0.1 for the length of the run. */
    private static final String PASSWORD = "bench-only-password";
    /** Ports beyond the allocations: the listener, and slack for ports a relay keeps a while after use. */
    private static final int SPARE_PORTS = 100;
    /** Round trips per second no generator on this kind of machine reaches: the generator then sends flat out. */
    private static final double GENERATOR_CEILING = 10_000_000;

    private final BenchPlan plan;
    private final PrintStream out;

    public RelayBenchmark(BenchPlan plan, PrintStream out) {
        this.plan = plan;
        this.out = out;
    }

    public BenchOutcome run() throws IOException, InterruptedException {
        printPlan();
        try (LoadGenerator generator = new LoadGenerator(plan.generatorThreads())) {
            out.println("generator: " + generator.describe());
            StepResult baseline = baseline(generator);
            List<RelayFigures> figures = new ArrayList<>();
            for (String relay : plan.relays()) {
                figures.add(measure(generator, launcher(relay)));
            }
            BenchOutcome outcome = new BenchOutcome(baseline, figures);
            new ComparisonTable(plan, outcome).print(out);
            return outcome;
        }
    }

    private StepResult baseline(LoadGenerator generator) throws InterruptedException {
        try (SessionSet direct = generator.direct(plan.sessions(), plan.payloadBytes())) {
            direct.runStep(plan.latencyRate(), plan.warmUp());
            StepResult result = direct.runStep(plan.latencyRate(), latencyDuration());
            out.printf("direct loopback baseline at %,.0f round trips/s: round trip p50 %.1f µs, p99 %.1f µs, "
                    + "loss %.3f %%%n", plan.latencyRate(), result.roundTripMicros(50), result.roundTripMicros(99),
                    100 * result.loss());
            StepResult flat = direct.runStep(GENERATOR_CEILING, plan.stepDuration());
            out.printf("generator alone, as fast as it can (direct, no relay): %,.0f packets/s sent, %,.0f echoed "
                    + "(%,.0f packets/s through the kernel); a relay shares the cores with it%n",
                    flat.sentPerSecond(), flat.receivedPerSecond(), 2 * flat.receivedPerSecond());
            return result;
        }
    }

    private RelayFigures measure(LoadGenerator generator, RelayLauncher launcher)
            throws IOException, InterruptedException {
        PortBlock ports = PortBlock.find(plan.sessions() + plan.idleAllocations() + SPARE_PORTS);
        InetSocketAddress listen = new InetSocketAddress(InetAddress.getLoopbackAddress(), ports.first());
        RelaySetup setup = new RelaySetup(listen, ports.first() + 1, ports.last(), REALM, USER, PASSWORD,
                plan.sessions() + plan.idleAllocations(), plan.relayThreads(),
                plan.workDirectory().resolve(launcher.name()));
        out.println();
        out.println("== " + launcher.name() + ": " + launcher.describe(setup));
        try (RelayProcess relay = RelayProcess.start(launcher, setup, plan.boundPerRelay())) {
            out.println("   pid " + relay.pid() + ", listening on " + listen + ", relay ports " + setup.minRelayPort()
                    + "-" + setup.maxRelayPort() + ", log " + relay.log());
            TurnEndpoint endpoint = new TurnEndpoint(listen, USER, PASSWORD);
            try (SessionSet sessions = generator.relayed(plan.sessions(), plan.payloadBytes(), endpoint)) {
                warmUp(sessions, relay);
                long[] resident = idleMemory(generator, endpoint, relay);
                RateSearch search = new RateSearch(plan.startRate(), plan.growth(), plan.bisections(), plan.maxSteps());
                Optional<RelayStep> best = search.run(rate -> step(sessions, relay, rate, plan.stepDuration(), "step"));
                RelayStep latency = step(sessions, relay, plan.latencyRate(), latencyDuration(), "latency");
                return new RelayFigures(launcher.name(), launcher.describe(setup), best, latency, resident[0],
                        resident[1], plan.idleAllocations(), search.steps());
            }
        }
    }

    /** Half the warm-up at the start rate, half at four times that, results ignored: the JIT compiles the hot path. */
    private void warmUp(SessionSet sessions, RelayProcess relay) throws InterruptedException {
        Duration half = plan.warmUp().dividedBy(2);
        step(sessions, relay, plan.startRate(), half, "warm-up");
        step(sessions, relay, 4 * plan.startRate(), half, "warm-up");
    }

    /** RSS before and after {@link BenchPlan#idleAllocations()} allocations that carry nothing. */
    private long[] idleMemory(LoadGenerator generator, TurnEndpoint endpoint, RelayProcess relay)
            throws InterruptedException {
        Channel sink = generator.sink();
        try {
            long before = relay.sample().residentKiB();
            try (SessionSet idle = generator.idle(plan.idleAllocations(), endpoint, (InetSocketAddress) sink.localAddress())) {
                Thread.sleep(BenchTimings.MEMORY_SETTLE.toMillis());
                long after = relay.sample().residentKiB();
                out.printf("   memory: RSS %,d KiB before, %,d KiB with %,d idle allocations: %.1f KiB each%n",
                        before, after, idle.size(), (after - before) / (double) idle.size());
                return new long[] {before, after};
            }
        } finally {
            sink.close();
        }
    }

    private RelayStep step(SessionSet sessions, RelayProcess relay, double roundTripsPerSecond, Duration duration,
                           String kind) throws InterruptedException {
        ProcessSample before = relay.sample();
        StepResult load = sessions.runStep(roundTripsPerSecond, duration);
        RelayStep step = new RelayStep(load, relay.sample().cpuSecondsSince(before));
        out.printf("   %-8s offered %,9.0f relayed pkt/s -> %,9.0f relayed pkt/s, loss %6.3f %%, round trip p50 %7.1f "
                        + "p99 %8.1f µs, relay CPU %5.1f %%%s%s%n",
                kind, step.offeredRelayedPerSecond(), step.relayedPerSecond(), 100 * load.loss(),
                load.roundTripMicros(50), load.roundTripMicros(99),
                100 * step.serverCpuSeconds() / load.sendingSeconds(),
                load.forgone() > 0 ? String.format(", generator fell behind by %,d", load.forgone()) : "",
                kind.equals("step") ? "  " + step.verdict() : "");
        return step;
    }

    private Duration latencyDuration() {
        return plan.stepDuration().multipliedBy(2);
    }

    private RelayLauncher launcher(String name) {
        return switch (name) {
            case "punchline" -> new PunchlineLauncher(plan.serverJvmOptions());
            case "coturn" -> new CoturnLauncher(plan.coturn());
            default -> throw new IllegalArgumentException("unknown relay " + name);
        };
    }

    private void printPlan() {
        out.println("Punchline relay benchmark, " + java.time.ZonedDateTime.now().withNano(0));
        out.println("machine: " + Machine.describe() + "; the load generator and the relay share these cores");
        double load = Machine.loadAverage();
        out.printf("load average before the run: %.2f%s%n", load, load > 0.5 * Runtime.getRuntime().availableProcessors()
                ? " -- other processes are busy; figures will be low and noisy" : "");
        out.printf("load: %d sessions, each one allocation with one channel bound to an echoing peer socket; "
                        + "%d-byte payload in ChannelData over UDP, all on 127.0.0.1%n",
                plan.sessions(), plan.payloadBytes());
        out.println("      round trip: client -> relay -> peer -> relay -> client; each round trip that comes back is "
                + "2 relayed packets");
        out.printf("steps: %s s each (+%d ms drain), from %,.0f relayed pkt/s up by x%.1f, then %d bisections; pass = "
                        + "loss <= %.1f %%, climbing while >= %.0f %% of the offered rate is sent; warm-up %s s%n",
                seconds(plan.stepDuration()), BenchTimings.DRAIN.toMillis(), 2 * plan.startRate(), plan.growth(),
                plan.bisections(), 100 * RelayStep.MAX_LOSS, 100 * RelayStep.MIN_SENT_SHARE, seconds(plan.warmUp()));
        out.printf("latency at %,.0f relayed pkt/s for %s s; memory: RSS with N = %,d idle allocations minus RSS "
                        + "before; work directory %s%n",
                2 * plan.latencyRate(), seconds(latencyDuration()), plan.idleAllocations(), plan.workDirectory());
    }

    private static String seconds(Duration duration) {
        return String.format("%.1f", duration.toMillis() / 1000.0);
    }
}
