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
import java.util.OptionalDouble;

/**
 * {@code bench relay}: the same load against each relay, on this machine, in one run. First the generator alone (its
 * sockets talking directly) finds its own highest rate. Then every relay starts as a process of its own, and phase by
 * phase, taking turns: warm-up, memory of idle allocations, the search for the highest rate it carries (one step each
 * in turn), and latency at a moderate rate in rounds shared with the direct baseline it is compared with.
 */
public final class RelayBenchmark {

    private static final String REALM = "bench";
    private static final String USER = "bench";
    /** A throwaway credential of a relay that only listens on 127.0.0.1 for the length of the run. */
    private static final String PASSWORD = "bench-only-password";
    /** Ports beyond the allocations: the listener, and slack for ports a relay keeps a while after use. */
    private static final int SPARE_PORTS = 100;
    private static final String DIRECT = "direct";
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

    /**
     * Runs the plan. The relays run side by side and take turns step by step, so that whatever else the machine does
     * meanwhile weighs on each of them alike.
     */
    public BenchOutcome run() throws IOException, InterruptedException {
        printPlan();
        awaitIdleMachine();
        try (LoadGenerator generator = new LoadGenerator(plan.generatorThreads())) {
            out.println("generator: " + generator.describe());
            List<RelayUnderTest> relays = new ArrayList<>();
            BenchOutcome.Direct baseline;
            try (SessionSet direct = generator.direct(plan.sessions(), plan.payloadBytes())) {
                Optional<RelayStep> directBest = baseline(direct);
                for (String name : plan.relays()) {
                    relays.add(start(launcher(name)));
                }
                measure(generator, relays);
                baseline = new BenchOutcome.Direct(latency(direct, relays).load(), directBest);
            } finally {
                relays.forEach(RelayUnderTest::close);
            }
            BenchOutcome outcome = new BenchOutcome(baseline,
                    relays.stream().map(r -> r.figures(plan.idleAllocations())).toList());
            new ComparisonTable(plan, outcome).print(out);
            return outcome;
        }
    }

    /**
     * The generator without a relay: each client socket bounces off its peer directly. Its highest rate bounds what
     * the generator can measure; its round trip (measured later, with the relays') is what latency through a relay
     * is compared with.
     */
    private Optional<RelayStep> baseline(SessionSet direct) throws InterruptedException {
        out.println();
        out.println("== " + DIRECT + ": the generator's sockets talk to each other, no relay between");
        step(DIRECT, direct, null, plan.latencyRate(), plan.warmUp(), "warm-up");
        RateSearch search = new RateSearch(plan.startRate(), plan.growth(), Math.min(2, plan.bisections()),
                plan.maxSteps());
        return search.run(rate -> step(DIRECT, direct, null, rate, plan.stepDuration(), "step"));
    }

    /**
     * Latency at the moderate rate, in rounds that take turns between the direct baseline and each relay, so that a
     * burst of other work lands on all of them alike; returns the baseline's, each relay keeps its own.
     */
    private RelayStep latency(SessionSet direct, List<RelayUnderTest> relays) throws InterruptedException {
        Duration round = latencyDuration().dividedBy(plan.latencyRounds());
        RelayStep baseline = null;
        List<RelayStep> sums = new ArrayList<>();
        relays.forEach(relay -> sums.add(null));
        for (int i = 0; i < plan.latencyRounds(); i++) {
            baseline = plus(baseline, step(DIRECT, direct, null, plan.latencyRate(), round, "latency"));
            for (int r = 0; r < relays.size(); r++) {
                RelayUnderTest relay = relays.get(r);
                sums.set(r, plus(sums.get(r), step(relay.name(), relay.sessions(), relay.process(),
                        plan.latencyRate(), round, "latency")));
            }
        }
        for (int r = 0; r < relays.size(); r++) {
            relays.get(r).latency(sums.get(r));
        }
        return baseline;
    }

    private static RelayStep plus(RelayStep sum, RelayStep step) {
        return sum == null ? step : sum.plus(step);
    }

    private RelayUnderTest start(RelayLauncher launcher) throws IOException, InterruptedException {
        PortBlock ports = PortBlock.find(plan.sessions() + plan.idleAllocations() + SPARE_PORTS);
        InetSocketAddress listen = new InetSocketAddress(InetAddress.getLoopbackAddress(), ports.first());
        RelaySetup setup = new RelaySetup(listen, ports.first() + 1, ports.last(), REALM, USER, PASSWORD,
                plan.sessions() + plan.idleAllocations(), plan.relayThreads(),
                plan.workDirectory().resolve(launcher.name()));
        RelayProcess process = RelayProcess.start(launcher, setup, plan.bound());
        out.println();
        out.println("== " + launcher.name() + ": " + launcher.describe(setup));
        out.println("   pid " + process.pid() + ", listening on " + listen + ", relay ports " + setup.minRelayPort()
                + "-" + setup.maxRelayPort() + ", log " + process.log());
        return new RelayUnderTest(launcher, setup, process, new TurnEndpoint(listen, USER, PASSWORD),
                new RateSearch(plan.startRate(), plan.growth(), plan.bisections(), plan.maxSteps()));
    }

    /** Each phase for every relay before the next phase; the searches take turns step by step. */
    private void measure(LoadGenerator generator, List<RelayUnderTest> relays) throws InterruptedException {
        out.println();
        for (RelayUnderTest relay : relays) {
            relay.sessions(generator.relayed(plan.sessions(), plan.payloadBytes(), relay.endpoint()));
        }
        for (RelayUnderTest relay : relays) {
            warmUp(relay);
        }
        for (RelayUnderTest relay : relays) {
            idleMemory(generator, relay);
        }
        boolean stepped = true;
        while (stepped) {
            stepped = false;
            for (RelayUnderTest relay : relays) {
                OptionalDouble rate = relay.search().next();
                if (rate.isPresent()) {
                    relay.search().record(step(relay.name(), relay.sessions(), relay.process(), rate.getAsDouble(),
                            plan.stepDuration(), "step"));
                    stepped = true;
                }
            }
        }
    }

    /** Half the warm-up at the start rate, half at four times that, results ignored: the JIT compiles the hot path. */
    private void warmUp(RelayUnderTest relay) throws InterruptedException {
        Duration half = plan.warmUp().dividedBy(2);
        step(relay.name(), relay.sessions(), relay.process(), plan.startRate(), half, "warm-up");
        step(relay.name(), relay.sessions(), relay.process(), 4 * plan.startRate(), half, "warm-up");
    }

    /** RSS before and after {@link BenchPlan#idleAllocations()} allocations that carry nothing. */
    private void idleMemory(LoadGenerator generator, RelayUnderTest relay) throws InterruptedException {
        Channel sink = generator.sink();
        try {
            long before = relay.process().sample().residentKiB();
            try (SessionSet idle = generator.idle(plan.idleAllocations(), relay.endpoint(),
                    (InetSocketAddress) sink.localAddress())) {
                Thread.sleep(BenchTimings.MEMORY_SETTLE.toMillis());
                long after = relay.process().sample().residentKiB();
                out.printf("   %-9s memory: RSS %,d KiB before, %,d KiB with %,d idle allocations: %.1f KiB each%n",
                        relay.name(), before, after, idle.size(), (after - before) / (double) idle.size());
                relay.resident(before, after);
            }
        } finally {
            sink.close();
        }
    }

    /** One step of load and its log line; {@code relay} is null for the direct baseline. */
    private RelayStep step(String name, SessionSet sessions, RelayProcess relay, double roundTripsPerSecond,
                           Duration duration, String kind) throws InterruptedException {
        ProcessSample before = relay != null ? relay.sample() : null;
        long self = ProcFs.cpuTicks(ProcessHandle.current().pid());
        long machine = ProcFs.machineBusyTicks();
        long softirq = ProcFs.machineSoftirqTicks();
        StepResult load = sessions.runStep(roundTripsPerSecond, duration);
        double relaySeconds = relay != null ? relay.sample().cpuSecondsSince(before) : 0;
        double generatorSeconds = ticksToSeconds(ProcFs.cpuTicks(ProcessHandle.current().pid()) - self);
        double otherSeconds = Math.max(0, ticksToSeconds(ProcFs.machineBusyTicks() - machine) - generatorSeconds
                - relaySeconds);
        double kernelSeconds = ticksToSeconds(ProcFs.machineSoftirqTicks() - softirq);
        double wall = load.sendingSeconds() + BenchTimings.DRAIN.toMillis() / 1000.0;
        RelayStep step = new RelayStep(load, relaySeconds, otherSeconds / wall);
        out.printf("   %-9s %-8s offered %,9.0f pkt/s -> %,9.0f pkt/s, loss %6.3f %%, round trip p50 %7.1f "
                        + "p99 %8.1f µs, CPU %% relay %3.0f generator %3.0f softirq %3.0f others %3.0f%s%s%n",
                name, kind, step.offeredRelayedPerSecond(), step.relayedPerSecond(), 100 * load.loss(),
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
        out.printf("latency at %,.0f relayed pkt/s for %s s in %d rounds taking turns with the direct baseline; "
                        + "memory: RSS with N = %,d idle allocations minus RSS before; work directory %s%n",
                2 * plan.latencyRate(), seconds(latencyDuration()), plan.latencyRounds(), plan.idleAllocations(),
                plan.workDirectory());
    }

    private static String seconds(Duration duration) {
        return String.format("%.1f", duration.toMillis() / 1000.0);
    }
}
