package dev.punchline.turn.client;

import dev.punchline.turn.wire.StunMethod;
import java.time.Duration;

/** A request got no answer in time: every retransmission over UDP, or the single send over a stream. */
public final class TurnTimeoutException extends TurnException {

    TurnTimeoutException(int method, int transmissions, Duration waited) {
        super(StunMethod.name(method) + ": no answer after " + transmissions + " transmission"
                + (transmissions == 1 ? "" : "s") + " in " + waited.toMillis() + " ms");
    }
}
