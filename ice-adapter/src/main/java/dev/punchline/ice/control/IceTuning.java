package dev.punchline.ice.control;

import dev.punchline.ice.IceTimings;

import java.time.Duration;
import java.util.Objects;

/**
 * The control plane's timing knobs, shared by {@link IceControllerConfig} and the session's configuration so
 * that they are declared, defaulted and checked once.
 *
 * @param relayNominationDeadline see {@link IceTimings#RELAY_NOMINATION_DEADLINE}
 * @param reprobeFirst see {@link IceTimings#REPROBE_FIRST}
 * @param reprobeMax see {@link IceTimings#REPROBE_MAX}; re-probe delays double from the first up to this
 */
public record IceTuning(Duration relayNominationDeadline, Duration reprobeFirst, Duration reprobeMax) {

    public static final IceTuning DEFAULTS = new IceTuning(
            IceTimings.RELAY_NOMINATION_DEADLINE, IceTimings.REPROBE_FIRST, IceTimings.REPROBE_MAX);

    public IceTuning {
        Objects.requireNonNull(relayNominationDeadline, "relayNominationDeadline");
        Objects.requireNonNull(reprobeFirst, "reprobeFirst");
        Objects.requireNonNull(reprobeMax, "reprobeMax");
        if (relayNominationDeadline.isNegative()) {
            throw new IllegalArgumentException("relayNominationDeadline: negative " + relayNominationDeadline);
        }
        if (reprobeFirst.isNegative() || reprobeFirst.isZero() || reprobeMax.compareTo(reprobeFirst) < 0) {
            throw new IllegalArgumentException(
                    "reprobeInterval: need 0 < first <= max, got " + reprobeFirst + ", " + reprobeMax);
        }
    }

    public IceTuning withRelayNominationDeadline(Duration deadline) {
        return new IceTuning(deadline, reprobeFirst, reprobeMax);
    }

    /** The first re-probe delay and the cap it doubles up to. */
    public IceTuning withReprobeInterval(Duration first, Duration max) {
        return new IceTuning(relayNominationDeadline, first, max);
    }
}
