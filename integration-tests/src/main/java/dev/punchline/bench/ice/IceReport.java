package dev.punchline.bench.ice;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The summary at the end of a run: per case, Punchline and standard ice4j side by side, each a distribution over the
 * measured sessions (ms, p50 / p90 / max), and the ratio of their medians (ice4j / Punchline: how many times sooner).
 */
record IceReport(int sessions, Duration delay, List<IceBenchmark.CaseResult> cases) {

    private static final String ROW = "%-40s%20s%20s%10s%n";

    /** Whether every measured session delivered both ways. */
    boolean complete() {
        return cases.stream().allMatch(c -> c.punchline().failed() == 0 && c.ice4j().failed() == 0);
    }

    void print(PrintStream out) {
        out.println();
        out.printf("Summary (%d ms one-way delay; ms, p50 / p90 / max over %d sessions; ratio: ice4j p50 / Punchline "
                + "p50)%n", delay.toMillis(), sessions);
        out.println("First packet: each direction from its sender applying the other's description (Punchline's "
                + "answerer -> offerer includes the answerer's permission round trip before it answers; ice4j applies "
                + "both at once). Direct path: from the first description applied.");
        out.printf(ROW, "", "Punchline", "ice4j standard", "ratio");
        for (IceBenchmark.CaseResult c : cases) {
            out.println(c.name());
            timeRow(out, "  first packet offerer -> answerer", c, s -> Optional.of(s.offererToAnswerer()));
            timeRow(out, "  first packet answerer -> offerer", c, s -> Optional.of(s.answererToOfferer()));
            timeRow(out, "  first packet, slower direction", c, s -> Optional.of(s.slowerDirection()));
            timeRow(out, "  time to the direct path", c, SessionTimes::direct);
            if (c.punchline().sessions().stream().anyMatch(s -> s.fallback().isPresent())) {
                out.printf(ROW, "  back on the relay after a cut", distribution(c.punchline(),
                        SessionTimes::fallback).summary(), "none", "");
                out.printf(ROW, "  packets lost in the cut, per session", Distribution.ofCounts(c.punchline()
                        .sessions().stream().filter(s -> s.fallback().isPresent()).map(SessionTimes::cutLost)
                        .toList()).summary(), "-", "");
            }
            out.printf(ROW, "  lost / reordered at the switch (all)", counts(c.punchline()), "-", "");
            out.printf(ROW, "  sessions failed", failed(c.punchline()), failed(c.ice4j()), "");
        }
    }

    private static void timeRow(PrintStream out, String name, IceBenchmark.CaseResult c,
            Function<SessionTimes, Optional<Duration>> value) {
        Distribution ours = distribution(c.punchline(), value);
        Distribution theirs = distribution(c.ice4j(), value);
        String ratio = ours.isEmpty() || theirs.isEmpty() ? "" : String.format("%.1f×",
                theirs.percentile(50) / (double) Math.max(1, ours.percentile(50)));
        out.printf(ROW, name, ours.summary() + reached(c.punchline(), ours), theirs.summary()
                + reached(c.ice4j(), theirs), ratio);
    }

    private static Distribution distribution(Column column, Function<SessionTimes, Optional<Duration>> value) {
        return Distribution.ofDurations(column.sessions().stream().map(value).flatMap(Optional::stream).toList());
    }

    /** When not every session reached it (the direct path), how many did. */
    private static String reached(Column column, Distribution distribution) {
        int all = column.sessions().size();
        return distribution.sorted().size() == all ? "" : " (" + distribution.sorted().size() + "/" + all + ")";
    }

    private static String counts(Column column) {
        long lost = column.sessions().stream().mapToLong(SessionTimes::lost).sum();
        long reordered = column.sessions().stream().mapToLong(SessionTimes::reordered).sum();
        return lost + " / " + reordered;
    }

    private static String failed(Column column) {
        return column.failed() + " of " + (column.sessions().size() + column.failed());
    }
}
