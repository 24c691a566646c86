package dev.punchline.bench;

import dev.punchline.bench.load.StepResult;

import java.util.List;
import java.util.Optional;

/** A whole run: the direct loopback baseline and the figures of each relay, in the order they ran. */
public record BenchOutcome(Direct direct, List<RelayFigures> relays) {

    /**
     * The generator without a relay.
     *
     * @param latency its round trips at the latency rate
     * @param best    its highest rate at <= 0.1 % loss: every round trip is 2 packets through the kernel, where a
     *                relay makes it 4
     */
    public record Direct(StepResult latency, Optional<RelayStep> best) {
    }
}
