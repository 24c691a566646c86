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
        double clean = 0;
        double ceiling = Double.POSITIVE_INFINITY;
        double rate = startRate;
        while (steps.size() < maxSteps) {
            RelayStep step = run(runner, rate);
            if (step.passed() && !step.saturated()) {
                clean = rate;
                if (ceiling < Double.POSITIVE_INFINITY) {
                    break;
                }
                rate *= growth;
            } else {
                ceiling = rate;
                // Lower rates are worth trying only while nothing has passed: a saturated pass is already the top.
                if (clean > 0 || step.passed()) {
                    break;
                }
                rate /= growth;
            }
        }
        for (int i = 0; i < bisections && steps.size() < maxSteps && clean > 0 && ceiling < Double.POSITIVE_INFINITY;
             i++) {
            double middle = (clean + ceiling) / 2;
            RelayStep step = run(runner, middle);
            if (step.passed() && !step.saturated()) {
                clean = middle;
            } else {
                ceiling = middle;
            }
        }
        return steps.stream().filter(RelayStep::passed).max(Comparator.comparingDouble(RelayStep::relayedPerSecond));
    }

    List<RelayStep> steps() {
        return List.copyOf(steps);
    }

    private RelayStep run(Runner runner, double rate) throws InterruptedException {
        RelayStep step = runner.run(rate);
        steps.add(step);
        return step;
    }
}
