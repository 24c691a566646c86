package dev.punchline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.punchline.it.support.FreePorts;
import dev.punchline.it.support.StunProbe;
import dev.punchline.tun.TunTimings;
import dev.punchline.tun.process.ExternalProcess;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code punchline relay} as its own process, as an operator runs it: SIGTERM ends it with status 0. */
class RelayProcessTest {

    @Test
    void sigtermStopsTheRelayCleanlyWithStatus0() {
        int port = FreePorts.udpAndTcp();
        FreePorts.PortRange relayPorts = FreePorts.range(10);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try (ExternalProcess relay = ExternalProcess.start("punchline-relay", List.of(java,
                "-cp", System.getProperty("java.class.path"), "dev.punchline.cli.Punchline", "relay",
                "--listen", "127.0.0.1:" + port, "--user", "alice:secret-password",
                "--ports", relayPorts.min() + "-" + relayPorts.max()))) {
            relay.waitForOutput(Pattern.compile("TURN server listening on"), Duration.ofSeconds(20));
            assertTrue(StunProbe.answers(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                    Duration.ofSeconds(5), relay::isAlive), relay.describe());

            long started = System.nanoTime();
            relay.stop();

            assertEquals(0, relay.exitStatus(), relay.describe());
            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(TunTimings.PROCESS_STOP_GRACE) < 0,
                    "needed SIGKILL:\n" + relay.describe());
            assertTrue(relay.output().contains("stopping relay"), relay.describe());
            assertTrue(!relay.output().contains("secret-password"), "a password reached the log:\n" + relay.describe());
        }
    }
}
