package dev.punchline.bench.ice;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The summary at the end of a run: per case, distributions over the measured sessions (ms, p50 / p90 / max). */
record IceReport(int sessions, Duration delay, List<IceBenchmark.CaseResult> cases) {

    private static final String ROW = "%-44s%24s%n";

    /** Whether every measured session delivered both ways. */
    boolean complete() {
        return cases.stream().allMatch(c -> c.failed() == 0);
    }

    void print(PrintStream out) {
        out.println();
        out.printf("Summary (%d ms one-way delay; ms, p50 / p90 / max over %d sessions)%n", delay.toMillis(), sessions);
        out.printf(ROW, "", "ice4j standard");
        for (IceBenchmark.CaseResult c : cases) {
            out.println(c.name());
            row(out, "  first packet offerer -> answerer", c, SessionTimes::offererToAnswerer);
            row(out, "  first packet answerer -> offerer", c, SessionTimes::answererToOfferer);
            row(out, "  both ways", c, SessionTimes::bothWays);
            out.printf(ROW, "  time to the direct path", Distribution.of(c.sessions().stream()
                    .map(SessionTimes::direct).flatMap(Optional::stream).toList()).summary()
                    + direct(c));
            out.printf(ROW, "  sessions failed", c.failed() + " of " + (c.sessions().size() + c.failed()));
        }
    }

    private static String direct(IceBenchmark.CaseResult c) {
        long count = c.sessions().stream().filter(s -> s.direct().isPresent()).count();
        return count == c.sessions().size() ? "" : " (" + count + " direct)";
    }

    private static void row(PrintStream out, String name, IceBenchmark.CaseResult c,
            Function<SessionTimes, Duration> value) {
        out.printf(ROW, name, Distribution.of(c.sessions().stream().map(value).toList()).summary());
    }
}
