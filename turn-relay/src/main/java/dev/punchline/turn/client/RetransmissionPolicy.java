package dev.punchline.turn.client;

import dev.punchline.turn.TurnTimings;
import java.time.Duration;

/**
 * When a request is sent again and when it is given up on (RFC 8489 §6.2). Over UDP the n-th
 * retransmission follows the previous one after {@code initialRto × 2^(n-1)}; after {@code maxTransmissions}
 * sends the client waits {@code finalWaitFactor × initialRto} more. Over a stream the request is sent once
 * and given up on after {@code streamTimeout}.
 */
public record RetransmissionPolicy(Duration initialRto, int maxTransmissions, int finalWaitFactor,
                                   Duration streamTimeout) {

    public RetransmissionPolicy {
        if (initialRto.isNegative() || initialRto.isZero()) {
            throw new IllegalArgumentException("retransmission initialRto must be positive, not " + initialRto);
        }
        if (maxTransmissions < 1 || maxTransmissions > 30) {
            throw new IllegalArgumentException("retransmission maxTransmissions must be 1 to 30, not "
                    + maxTransmissions);
        }
        if (finalWaitFactor < 1) {
            throw new IllegalArgumentException("retransmission finalWaitFactor must be at least 1, not "
                    + finalWaitFactor);
        }
        if (streamTimeout.isNegative() || streamTimeout.isZero()) {
            throw new IllegalArgumentException("retransmission streamTimeout must be positive, not "
                    + streamTimeout);
        }
    }

    /** RTO 500 ms, Rc 7, Rm 16 over UDP (39.5 s in all); 39.5 s over TCP and TLS. */
    public static RetransmissionPolicy rfc8489() {
        return new RetransmissionPolicy(TurnTimings.STUN_INITIAL_RTO, TurnTimings.STUN_MAX_TRANSMISSIONS,
                TurnTimings.STUN_FINAL_WAIT_FACTOR, TurnTimings.STUN_RELIABLE_TIMEOUT);
    }

    /** The same shape scaled to another initial RTO (tests, or a known short path). */
    public static RetransmissionPolicy withInitialRto(Duration initialRto) {
        RetransmissionPolicy rfc = rfc8489();
        return new RetransmissionPolicy(initialRto, rfc.maxTransmissions, rfc.finalWaitFactor,
                initialRto.multipliedBy(sumOfWaits(rfc)));
    }

    /**
     * The relay liveness check's schedule ({@link TurnTimings#LIVENESS_INITIAL_RTO}): four sends 250 ms, 500 ms
     * and 1 s apart, given up on 1 s after the last, 2.75 s in all; the same over a stream.
     */
    public static RetransmissionPolicy livenessCheck() {
        RetransmissionPolicy shape = new RetransmissionPolicy(TurnTimings.LIVENESS_INITIAL_RTO,
                TurnTimings.LIVENESS_TRANSMISSIONS, TurnTimings.LIVENESS_FINAL_WAIT_FACTOR, Duration.ofSeconds(1));
        return new RetransmissionPolicy(shape.initialRto, shape.maxTransmissions, shape.finalWaitFactor,
                shape.initialRto.multipliedBy(sumOfWaits(shape)));
    }

    /** How long a UDP request lives from its first send until it is given up on, in initial RTOs. */
    private static long sumOfWaits(RetransmissionPolicy p) {
        long units = p.finalWaitFactor;
        for (int i = 1; i < p.maxTransmissions; i++) {
            units += 1L << (i - 1);
        }
        return units;
    }

    /** The wait after the {@code transmission}-th send (1-based) before the next send or, after the last, giving up. */
    Duration waitAfter(int transmission) {
        if (transmission >= maxTransmissions) {
            return initialRto.multipliedBy(finalWaitFactor);
        }
        return initialRto.multipliedBy(1L << (transmission - 1));
    }
}
