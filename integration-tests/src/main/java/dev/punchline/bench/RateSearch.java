package dev.punchline.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Finds the highest rate a relay carries: geometric steps up from a start rate until one fails or the generator falls
 * behind (or down until one passes, if the first does not), then bisection between the last clean pass and the first
 * step that was not. A step that was not clean while other processes were busy is run once more before the search
 * acts on it: on a shared machine a moment of someone else's load must not end a search. The answer is the passing step that relayed the most. The
 * caller runs the steps ({@link #next}, {@link #record}), so that the searches of several relays can take turns step
 * by step; the number of steps is bounded by {@code maxSteps}.
 */
final class RateSearch {

    /** Runs one step at an offered round-trip rate. */
    interface Runner {
        RelayStep run(double roundTripsPerSecond) throws InterruptedException;
    }

    private final double growth;
    private final int maxSteps;
    private final List<RelayStep> steps = new ArrayList<>();
    private double rate;
    private double clean;
    private double ceiling = Double.POSITIVE_INFINITY;
    private boolean climbing = true;
    private int bisectionsLeft;
    private double retry = Double.NaN;

    RateSearch(double startRate, double growth, int bisections, int maxSteps) {
        this.rate = startRate;
        this.growth = growth;
        this.bisectionsLeft = bisections;
        this.maxSteps = maxSteps;
    }

    /** Runs every step of the search in a row; returns {@link #best()}. */
    Optional<RelayStep> run(Runner runner) throws InterruptedException {
        for (OptionalDouble next = next(); next.isPresent(); next = next()) {
            record(runner.run(next.getAsDouble()));
        }
        return best();
    }

    /** The round-trip rate of the next step, or empty when the search is over. */
    OptionalDouble next() {
        if (steps.size() >= maxSteps) {
            return OptionalDouble.empty();
        }
        if (!Double.isNaN(retry)) {
            return OptionalDouble.of(retry);
        }
        if (climbing) {
            return OptionalDouble.of(rate);
        }
        return bisectionsLeft > 0 && clean > 0 && ceiling < Double.POSITIVE_INFINITY
                ? OptionalDouble.of((clean + ceiling) / 2) : OptionalDouble.empty();
    }

    /** The outcome of the step at the rate {@link #next()} gave. */
    void record(RelayStep step) {
        steps.add(step);
        double offered = step.load().offeredPerSecond();
        boolean higherIsWorthTrying = step.passed() && !step.saturated();
        boolean firstTry = Double.isNaN(retry);
        retry = Double.NaN;
        if (!higherIsWorthTrying && step.disturbed() && firstTry) {
            retry = offered;
            return;
        }
        if (!climbing) {
            bisectionsLeft--;
        } else if (higherIsWorthTrying) {
            climbing = ceiling == Double.POSITIVE_INFINITY;
            rate = offered * growth;
        } else {
            // Lower rates are worth trying only while nothing has passed: a pass with the generator behind is the top.
            climbing = clean == 0 && !step.passed();
            rate = offered / growth;
        }
        if (higherIsWorthTrying) {
            clean = offered;
        } else {
            ceiling = offered;
        }
    }

    /** The passing step that relayed the most, if any passed. */
    Optional<RelayStep> best() {
        return steps.stream().filter(RelayStep::passed).max(Comparator.comparingDouble(RelayStep::relayedPerSecond));
    }

    List<RelayStep> steps() {
        return List.copyOf(steps);
    }
}
