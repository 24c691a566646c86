package dev.punchline.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the highest rate a relay carries: geometric steps up from a start rate until one fails or saturates the
 * cores (or down until one passes, if the first does not), then bisection between the last clean pass and the first
 * step that did not. The answer is the passing step that relayed the most. Each step is a few seconds of load, so
 * the whole search is bounded by {@code maxSteps}.
 */
final class RateSearch {

    /** Runs one step at an offered round-trip rate. */
    interface Runner {
        RelayStep run(double roundTripsPerSecond) throws InterruptedException;
    }

    private final double startRate;
    private final double growth;
    private final int bisections;
    private final int maxSteps;
    private final List<RelayStep> steps = new ArrayList<>();

    RateSearch(double startRate, double growth, int bisections, int maxSteps) {
        this.startRate = startRate;
        this.growth = growth;
        this.bisections = bisections;
        this.maxSteps = maxSteps;
    }

    /** Runs the search; returns the passing step that relayed the most, if any passed. */
    Optional<RelayStep> run(Runner runner) throws InterruptedException {
        double pass = 0;
        double fail = Double.POSITIVE_INFINITY;
        double rate = startRate;
        while (steps.size() < maxSteps && (pass == 0 || fail == Double.POSITIVE_INFINITY)) {
            if (step(runner, rate)) {
                pass = rate;
                rate *= growth;
            } else {
                fail = rate;
                rate /= growth;
            }
        }
        for (int i = 0; i < bisections && steps.size() < maxSteps && pass > 0 && fail < Double.POSITIVE_INFINITY; i++) {
            double middle = (pass + fail) / 2;
            if (step(runner, middle)) {
                pass = middle;
            } else {
                fail = middle;
            }
        }
        return steps.stream().filter(RelayStep::passed).max(Comparator.comparingDouble(RelayStep::relayedPerSecond));
    }

    List<RelayStep> steps() {
        return List.copyOf(steps);
    }

    /** Whether a higher rate is worth trying. */
    private boolean step(Runner runner, double rate) throws InterruptedException {
        RelayStep step = runner.run(rate);
        steps.add(step);
        return step.passed() && !step.saturated();
    }
}
