package dev.punchline.bench;

import dev.punchline.bench.load.StepResult;

/**
 * One step of load through a relay, with the relay's CPU time over it. Every round trip that came back was relayed
 * twice (client to peer, peer to client), so relayed packets are twice the round trips.
 */
public record RelayStep(StepResult load, double serverCpuSeconds) {

    /** RFC-free rule of thumb: a relay that carries the load loses at most one packet in a thousand. */
    static final double MAX_LOSS = 0.001;
    /** Below this share of the offered rate the generator itself could not keep up (starved of CPU). */
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

    /** The rate was offered in full and carried with at most {@link #MAX_LOSS} loss. */
    public boolean passed() {
        return load.loss() <= MAX_LOSS && load.sentPerSecond() >= MIN_SENT_SHARE * load.offeredPerSecond();
    }
}
