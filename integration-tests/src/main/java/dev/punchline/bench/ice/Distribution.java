package dev.punchline.bench.ice;

import java.time.Duration;
import java.util.List;

/** Values from several sessions (milliseconds, or packet counts), summarised as p50 / p90 / max (nearest rank). */
record Distribution(List<Long> sorted) {

    Distribution {
        sorted = sorted.stream().sorted().toList();
    }

    /** Durations, in whole milliseconds. */
    static Distribution ofDurations(List<Duration> values) {
        return new Distribution(values.stream().map(Duration::toMillis).toList());
    }

    static Distribution ofCounts(List<Long> values) {
        return new Distribution(values);
    }

    boolean isEmpty() {
        return sorted.isEmpty();
    }

    /** The nearest-rank percentile, {@code p} in (0, 100]. */
    long percentile(double p) {
        if (sorted.isEmpty()) {
            throw new IllegalStateException("no values");
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    /** {@code p50 / p90 / max}, or a dash when nothing was measured. */
    String summary() {
        if (sorted.isEmpty()) {
            return "-";
        }
        return percentile(50) + " / " + percentile(90) + " / " + percentile(100);
    }
}
