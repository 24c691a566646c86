package dev.punchline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.punchline.bench.load.StepResult;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The search against relays whose limits are known: it must find them within its step budget. */
class RateSearchTest {

    private static final double SECONDS = 1;

    /** A relay that loses 1 % of everything above {@code capacity}, on a machine that can send {@code machine}. */
    private static RateSearch.Runner relay(double capacity, double machine) {
        return rate -> {
            long sent = (long) (Math.min(rate, machine) * SECONDS);
            long received = rate > capacity ? (long) (sent * 0.99) : sent;
            return new RelayStep(new StepResult(rate, sent, 0, received, 0, 0, SECONDS, new Histogram(3)), 0.1);
        };
    }

    @Test
    void climbsThenBisectsToJustBelowTheCapacity() throws InterruptedException {
        RateSearch search = new RateSearch(10_000, 2, 4, 16);

        RelayStep best = search.run(relay(50_000, Double.MAX_VALUE)).orElseThrow();

        // 10k, 20k, 40k pass, 80k fails; bisection narrows [40k, 80k] to 1/16 of its width.
        assertTrue(best.load().offeredPerSecond() <= 50_000 && best.load().offeredPerSecond() >= 47_500,
                "best " + best.load().offeredPerSecond());
        assertEquals(8, search.steps().size());
    }

    @Test
    void goesDownWhenTheFirstStepLoses() throws InterruptedException {
        RateSearch search = new RateSearch(10_000, 2, 0, 16);

        RelayStep best = search.run(relay(3_000, Double.MAX_VALUE)).orElseThrow();

        assertEquals(2_500, best.load().offeredPerSecond());
        assertEquals(List.of(10_000.0, 5_000.0, 2_500.0),
                search.steps().stream().map(s -> s.load().offeredPerSecond()).toList());
    }

    @Test
    void aSaturatedMachineEndsTheClimbWithItsAchievedRate() throws InterruptedException {
        RateSearch search = new RateSearch(10_000, 2, 2, 16);

        RelayStep best = search.run(relay(Double.MAX_VALUE, 30_000)).orElseThrow();

        // 10k and 20k are clean, 40k only gets 30k out: the top, with two bisections below it that cannot beat it.
        assertEquals(30_000, best.load().sent());
        assertEquals(List.of(10_000.0, 20_000.0, 40_000.0, 30_000.0, 35_000.0),
                search.steps().stream().map(s -> s.load().offeredPerSecond()).toList());
    }

    @Test
    void neverRunsMoreStepsThanItsBudget() throws InterruptedException {
        RateSearch search = new RateSearch(10_000, 2, 4, 3);

        search.run(relay(1, Double.MAX_VALUE));

        assertEquals(3, search.steps().size());
    }
}
