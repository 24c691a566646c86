package dev.punchline.bench;

import dev.punchline.bench.load.LoadGenerator;
import dev.punchline.bench.load.SessionSet;
import dev.punchline.bench.load.StepResult;
import dev.punchline.bench.load.TurnEndpoint;
import dev.punchline.bench.server.CoturnLauncher;
import dev.punchline.bench.server.PortBlock;
import dev.punchline.bench.server.ProcFs;
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
    /** Busier than this before the run, the machine is not idle enough to measure on. */
    private static final double IDLE_SHARE = 0.1;
    private static final Duration IDLE_PROBE = Duration.ofSeconds(2);
    /** One line of waiting per half minute. */
    private static final int IDLE_PROBES_PER_LINE = 15;

    private final BenchPlan plan;
    private final PrintStream out;

    public RelayBenchmark(BenchPlan plan, PrintStream out) {
        this.plan = plan;
        this.out = out;
    }

    public BenchOutcome run() throws IOException, InterruptedException {
        printPlan();
        awaitIdleMachine();
        try (LoadGenerator generator = new LoadGenerator(plan.generatorThreads())) {
            out.println("generator: " + generator.describe());
            BenchOutcome.Direct baseline = baseline(generator);
            List<RelayFigures> figures = new ArrayList<>();
            for (String relay : plan.relays()) {
                figures.add(measure(generator, launcher(relay)));
            }
            BenchOutcome outcome = new BenchOutcome(baseline, figures);
            new ComparisonTable(plan, outcome).print(out);
            return outcome;
        }
    }

    /**
     * The generator without a relay: each client socket bounces off its peer directly. Its round trip at the latency
     * rate is what latency through a relay is compared with; its highest rate bounds what the generator can measure.
     */
    private BenchOutcome.Direct baseline(LoadGenerator generator) throws InterruptedException {
        out.println();
        out.println("== direct loopback, no relay");
        try (SessionSet direct = generator.direct(plan.sessions(), plan.payloadBytes())) {
            step(direct, null, plan.latencyRate(), plan.warmUp(), "warm-up");
            RelayStep latency = step(direct, null, plan.latencyRate(), latencyDuration(), "latency");
            RateSearch search = new RateSearch(plan.startRate(), plan.growth(), Math.min(2, plan.bisections()),
                    plan.maxSteps());
            Optional<RelayStep> best = search.run(rate -> step(direct, null, rate, plan.stepDuration(), "step"));
            return new BenchOutcome.Direct(latency.load(), best);
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

    /** One step of load and its log line; {@code relay} is null for the direct baseline. */
    private RelayStep step(SessionSet sessions, RelayProcess relay, double roundTripsPerSecond, Duration duration,
                           String kind) throws InterruptedException {
        ProcessSample before = relay != null ? relay.sample() : null;
        long self = ProcFs.cpuTicks(ProcessHandle.current().pid());
        long machine = ProcFs.machineBusyTicks();
        long softirq = ProcFs.machineSoftirqTicks();
        StepResult load = sessions.runStep(roundTripsPerSecond, duration);
        RelayStep step = new RelayStep(load, relay != null ? relay.sample().cpuSecondsSince(before) : 0);
        double generatorSeconds = ticksToSeconds(ProcFs.cpuTicks(ProcessHandle.current().pid()) - self);
        double otherSeconds = Math.max(0, ticksToSeconds(ProcFs.machineBusyTicks() - machine) - generatorSeconds
                - step.serverCpuSeconds());
        double kernelSeconds = ticksToSeconds(ProcFs.machineSoftirqTicks() - softirq);
        double wall = load.sendingSeconds() + BenchTimings.DRAIN.toMillis() / 1000.0;
        out.printf("   %-8s offered %,9.0f relayed pkt/s -> %,9.0f relayed pkt/s, loss %6.3f %%, round trip p50 %7.1f "
                        + "p99 %8.1f µs, CPU %% relay %3.0f generator %3.0f softirq %3.0f others %3.0f%s%s%n",
                kind, step.offeredRelayedPerSecond(), step.relayedPerSecond(), 100 * load.loss(),
                load.roundTripMicros(50), load.roundTripMicros(99),
                100 * step.serverCpuSeconds() / wall, 100 * generatorSeconds / wall, 100 * kernelSeconds / wall,
                100 * otherSeconds / wall,
                load.forgone() > 0 ? String.format(", generator fell behind by %,d", load.forgone()) : "",
                kind.equals("step") ? "  " + step.verdict() : "");
        return step;
    }

    /**
     * Waits, up to {@link BenchPlan#waitForIdle()}, until other processes leave the cores nearly idle: on a shared
     * machine their load would otherwise be in every figure.
     */
    private void awaitIdleMachine() throws InterruptedException {
        long deadline = System.nanoTime() + plan.waitForIdle().toNanos();
        double busy = Machine.busyShare(IDLE_PROBE);
        for (int probe = 0; busy > IDLE_SHARE && System.nanoTime() - deadline < 0; probe++) {
            if (probe % IDLE_PROBES_PER_LINE == 0) {
                out.printf("waiting for the machine to calm down: %.0f %% of the cores busy%n", 100 * busy);
            }
            busy = Machine.busyShare(IDLE_PROBE);
        }
        out.printf("cores busy with other work before the run: %.0f %%%s%n", 100 * busy,
                busy > IDLE_SHARE ? " -- figures will be low and noisy (see 'others' in the step lines)" : "");
    }

    private static double ticksToSeconds(long ticks) {
        return ticks / (double) ProcFs.clockTicksPerSecond();
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
