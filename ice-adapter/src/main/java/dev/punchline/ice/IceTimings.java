package dev.punchline.ice;

import java.time.Duration;

/** Every timing constant of ice-adapter, each with the reason for its value. */
public final class IceTimings {

    /**
     * How long the demultiplexer remembers which ICE agent sent a STUN request, so that the response (which
     * carries no USERNAME) reaches that agent. 40 s outlives a whole RFC 8489 §6.2.1 UDP transaction with
     * default timers (7 sends from RTO 500 ms, then 16 × RTO: 39.5 s); ice4j's own transactions end sooner.
     */
    public static final Duration STUN_TRANSACTION_MEMORY = Duration.ofSeconds(40);

    private IceTimings() {
    }
}
