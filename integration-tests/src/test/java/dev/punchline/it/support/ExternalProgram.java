package dev.punchline.it.support;

import dev.punchline.tun.TunTimings;
import dev.punchline.tun.process.ExternalProcess;

/**
 * A third-party or Punchline program that a test runs as its own process (coturn, its client tools, {@code punchline
 * relay}): stopped, with everything it started, when the test closes it.
 */
public abstract class ExternalProgram implements AutoCloseable {

    private final ExternalProcess process;

    protected ExternalProgram(ExternalProcess process) {
        this.process = process;
    }

    /** The running process: its log, its exit status. */
    public ExternalProcess process() {
        return process;
    }

    /** SIGTERM, then SIGKILL after {@link TunTimings#PROCESS_STOP_GRACE} (coturn sometimes ignores SIGTERM). Idempotent. */
    public void stop() {
        process.stop();
    }

    @Override
    public void close() {
        stop();
    }
}
