package dev.punchline.cli;

import dev.punchline.turn.TurnTimings;
import java.time.Duration;

/** Every timing constant of the punchline command, each with the reason for its value. */
final class CliTimings {

    /**
     * How long a SIGTERM waits for the relay to close before the process exits anyway: the
     * server's own bound on its shutdown plus a second to release sockets and log.
     */
    static final Duration STOP_WAIT = TurnTimings.SHUTDOWN_TIMEOUT.plusSeconds(1);

    private CliTimings() {
    }
}
