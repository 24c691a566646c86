package dev.punchline.bench;

import dev.punchline.bench.load.StepResult;

import java.io.PrintStream;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The side-by-side summary at the end of a run, with the ratio of the first relay (ours) to the second. */
final class ComparisonTable {

    private static final String ROW = "%-52s";
    private static final String CELL = "%14s";

    private final BenchPlan plan;
    private final BenchOutcome outcome;

    ComparisonTable(BenchPlan plan, BenchOutcome outcome) {
        this.plan = plan;
        this.outcome = outcome;
    }

    void print(PrintStream out) {
        List<RelayFigures> relays = outcome.relays();
        StepResult baseline = outcome.direct().latency();
        out.println();
        out.printf(ROW, "");
        relays.forEach(r -> out.printf(CELL, r.name()));
        if (relays.size() == 2) {
            out.printf(CELL, "ratio");
        }
        out.println();
        row(out, "relayed packets/s, highest at <= 0.1 % loss", "%,.0f",
                r -> r.best().map(RelayStep::relayedPerSecond).orElse(Double.NaN));
        row(out, "  CPU s per million relayed packets, at that rate", "%.2f",
                r -> r.best().map(RelayStep::cpuSecondsPerMillion).orElse(Double.NaN));
        String moderate = String.format("%,.0f", 2 * plan.latencyRate());
        row(out, "  CPU s per million relayed packets, at " + moderate + "/s", "%.2f",
                r -> r.latency().cpuSecondsPerMillion());
        row(out, "round trip through the relay p50 (µs)", "%.1f", r -> r.latency().load().roundTripMicros(50));
        row(out, "round trip through the relay p99 (µs)", "%.1f", r -> r.latency().load().roundTripMicros(99));
        row(out, "  added latency p50 (µs, minus direct " + String.format("%.1f", baseline.roundTripMicros(50)) + ")",
                "%.1f", r -> r.latency().load().roundTripMicros(50) - baseline.roundTripMicros(50));
        row(out, "  added latency p99 (µs, minus direct " + String.format("%.1f", baseline.roundTripMicros(99)) + ")",
                "%.1f", r -> r.latency().load().roundTripMicros(99) - baseline.roundTripMicros(99));
        row(out, "memory per allocation (KiB RSS, N = " + String.format("%,d", plan.idleAllocations()) + ")", "%.2f",
                RelayFigures::kibPerAllocation);
        outcome.direct().best().ifPresent(direct -> out.printf("%-52s%14s   (no relay: 2 packets through the kernel "
                + "per round trip, 4 through a relay)%n", "direct loopback round trips/s, highest",
                String.format("%,.0f", direct.load().receivedPerSecond())));
        out.println();
        if (relays.size() == 2) {
            double ours = relays.get(0).best().map(RelayStep::relayedPerSecond).orElse(0.0);
            double theirs = relays.get(1).best().map(RelayStep::relayedPerSecond).orElse(Double.NaN);
            out.printf("target, %s relays at least as many packets/s as %s: %s%n", relays.get(0).name(),
                    relays.get(1).name(), Double.isNaN(theirs) ? "not measured" : ours >= theirs ? "met" : "NOT met");
            out.println("ratio = " + relays.get(0).name() + " / " + relays.get(1).name()
                    + ": above 1 is better for packets/s, below 1 is better for the rest.");
        }
        out.println("Added latency: each relay's round-trip percentile at " + moderate + " relayed pkt/s minus the"
                + " same percentile of the direct loopback round trip (two hops more, two passes through the relay).");
        out.println("CPU: the relay process's utime+stime (all threads) from /proc over the step, per million packets"
                + " relayed (both directions counted). Memory: VmRSS; kernel socket memory is not in it.");
        for (RelayFigures relay : relays) {
            if (relay.best().isEmpty()) {
                out.println(relay.name() + ": no step passed, so it has no throughput figure.");
            }
        }
    }

    private void row(PrintStream out, String label, String format, ToDoubleFunction<RelayFigures> figure) {
        List<RelayFigures> relays = outcome.relays();
        out.printf(ROW, label);
        for (RelayFigures relay : relays) {
            out.printf(CELL, format(format, figure.applyAsDouble(relay)));
        }
        if (relays.size() == 2) {
            double ours = figure.applyAsDouble(relays.get(0));
            double theirs = figure.applyAsDouble(relays.get(1));
            out.printf(CELL, theirs == 0 || Double.isNaN(ours) || Double.isNaN(theirs)
                    ? "-" : String.format("%.2f", ours / theirs));
        }
        out.println();
    }

    private static String format(String format, double value) {
        return Double.isNaN(value) ? "-" : String.format(format, value);
    }
}
