package dev.punchline.bench.ice;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Durations from several sessions, summarised as p50 / p90 / max (nearest rank). */
record Distribution(List<Duration> sorted) {

    Distribution {
        List<Duration> copy = new ArrayList<>(sorted);
        Collections.sort(copy);
        sorted = List.copyOf(copy);
    }

    static Distribution of(List<Duration> values) {
        return new Distribution(values);
    }

    boolean isEmpty() {
        return sorted.isEmpty();
    }

    /** The nearest-rank percentile, {@code p} in (0, 100]. */
    Duration percentile(double p) {
        if (sorted.isEmpty()) {
            throw new IllegalStateException("no values");
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    Duration max() {
        return percentile(100);
    }

    /** {@code p50 / p90 / max} in milliseconds, or a dash when nothing was measured. */
    String summary() {
        if (sorted.isEmpty()) {
            return "-";
        }
        return String.format("%d / %d / %d", percentile(50).toMillis(), percentile(90).toMillis(), max().toMillis());
    }
}
