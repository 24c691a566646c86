package dev.punchline.bench;

import dev.punchline.bench.load.StepResult;

/**
 * One step of load through a relay, with the relay's CPU time over it and the share of a core that other processes
 * took meanwhile. Every round trip that came back was relayed twice (client to peer, peer to client), so relayed
 * packets are twice the round trips.
 */
public record RelayStep(StepResult load, double serverCpuSeconds, double othersShare) {

    /** A relay carries a rate when it loses at most one packet in a thousand. */
    static final double MAX_LOSS = 0.001;
    /** Below this share of the offered rate the generator could not keep up: it got too little of the cores. */
    static final double MIN_SENT_SHARE = 0.97;
    /** Other processes took more than a quarter of a core: a step that did not pass cleanly may owe it to them. */
    static final double DISTURBING_SHARE = 0.25;

    /** Two steps at the same rate as one. */
    RelayStep plus(RelayStep later) {
        double seconds = load.sendingSeconds() + later.load.sendingSeconds();
        return new RelayStep(load.plus(later.load), serverCpuSeconds + later.serverCpuSeconds,
                (othersShare * load.sendingSeconds() + later.othersShare * later.load.sendingSeconds()) / seconds);
    }

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

    /** Other processes took enough of the machine during the step to explain a failure. */
    public boolean disturbed() {
        return othersShare > DISTURBING_SHARE;
    }

    /** One word for the step log. */
    String verdict() {
        String verdict = !passed() ? "FAIL (loss)" : saturated() ? "pass, generator behind" : "pass";
        return passed() && !saturated() || !disturbed() ? verdict : verdict + ", others busy";
    }
}
