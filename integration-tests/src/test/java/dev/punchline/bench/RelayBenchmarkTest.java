package dev.punchline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.punchline.it.support.Requirements;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bench relay --quick} end to end: both relays start as processes, carry load, and get every figure of the
 * table. How large the figures are is the benchmark's own output, not a test's business.
 */
class RelayBenchmarkTest {

    @Test
    @Timeout(60)
    void quickRunMeasuresBothRelays(@TempDir Path work) throws Exception {
        Requirements.requireCommand("turnserver", "timeout");
        RelayBenchCommand command = new RelayBenchCommand();
        new CommandLine(command).parseArgs("--quick", "--work-dir", work.toString());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        BenchOutcome outcome = new RelayBenchmark(command.plan(), new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run();

        String output = printed.toString(StandardCharsets.UTF_8);
        assertEquals(List.of("punchline", "coturn"), outcome.relays().stream().map(RelayFigures::name).toList(), output);
        assertTrue(outcome.direct().latency().received() > 0, "the direct baseline carried nothing:\n" + output);
        for (RelayFigures relay : outcome.relays()) {
            assertTrue(relay.best().isPresent(), relay.name() + " has no passing step:\n" + output);
            assertTrue(relay.best().get().relayedPerSecond() > 0, relay.name() + " relayed nothing:\n" + output);
            assertTrue(Double.isFinite(relay.best().get().cpuSecondsPerMillion()), relay.name() + ": no CPU figure");
            assertTrue(relay.latency().load().received() > 0, relay.name() + ": no latency sample:\n" + output);
            assertTrue(relay.residentBefore() > 0 && relay.residentAfter() > 0, relay.name() + ": no RSS reading");
        }
        assertTrue(output.contains("relayed packets/s, highest at <= 0.1 % loss"), output);
    }
}
