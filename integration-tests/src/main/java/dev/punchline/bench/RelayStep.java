package dev.punchline.bench;

import dev.punchline.bench.load.StepResult;

/**
 * One step of load through a relay, with the relay's CPU time over it. Every round trip that came back was relayed
 * twice (client to peer, peer to client), so relayed packets are twice the round trips.
 */
public record RelayStep(StepResult load, double serverCpuSeconds) {

    /** A relay carries a rate when it loses at most one packet in a thousand. */
    static final double MAX_LOSS = 0.001;
    /** Below this share of the offered rate the generator could not keep up: it got too little of the cores. */
    static final double MIN_SENT_SHARE = 0.97;

    public double offeredRelayedPerSecond() {
        return 2 * load.offeredPerSecond();
    }

    public double relayedPerSecond() {
        return 2 * load.receivedPerSecond();
    }

    public double cpuSecondsPerMillion() {
        return load.received() == 0 ? Double.NaN : serverCpuSeconds / (2.0 * load.received()) * 1e6;
    }

    /** What was sent was carried with at most {@link #MAX_LOSS} loss; its relayed rate counts. */
    public boolean passed() {
        return load.loss() <= MAX_LOSS;
    }

    /**
     * The generator sent less than {@link #MIN_SENT_SHARE} of the offered rate: the relay and the generator together
     * (and whatever else runs) used up the cores, so a higher offered rate cannot relay more and the search stops
     * climbing.
     */
    public boolean saturated() {
        return load.sentPerSecond() < MIN_SENT_SHARE * load.offeredPerSecond();
    }

    /** One word for the step log. */
    String verdict() {
        return !passed() ? "FAIL (loss)" : saturated() ? "pass, generator behind" : "pass";
    }
}
