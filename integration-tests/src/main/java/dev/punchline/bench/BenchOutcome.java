package dev.punchline.bench;

import dev.punchline.bench.load.StepResult;

import java.util.List;

/** A whole run: the direct loopback baseline and the figures of each relay, in the order they ran. */
public record BenchOutcome(StepResult baseline, List<RelayFigures> relays) {
}
