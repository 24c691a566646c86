package dev.punchline.bench;

import java.util.List;
import java.util.Optional;

/**
 * What the benchmark measured of one relay.
 *
 * @param best           the passing step that relayed the most, if any step passed
 * @param latency        the step at the moderate latency rate
 * @param residentBefore the relay's RSS (KiB) before the idle allocations
 * @param residentAfter  its RSS (KiB) with them
 */
public record RelayFigures(String name, String description, Optional<RelayStep> best, RelayStep latency,
                           long residentBefore, long residentAfter, int idleAllocations, List<RelayStep> steps) {

    public double kibPerAllocation() {
        return (residentAfter - residentBefore) / (double) idleAllocations;
    }
}
