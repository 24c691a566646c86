package dev.punchline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.punchline.turn.server.ListenAddress;
import dev.punchline.turn.server.Transport;
import dev.punchline.turn.server.TurnServerConfig;
import dev.punchline.turn.server.policy.Cidr;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the flags turn into: the server configuration the relay starts with. */
class RelayConfigurationTest {

    @TempDir
    Path directory;

    @Test
    void everyFlagReachesTheConfiguration() throws IOException {
        Path users = Files.writeString(directory.resolve("users"), "# team\n\nbob:pw:with:colons\n");
        Path secret = Files.writeString(directory.resolve("secret"), "  s3cret  \n");

        TurnServerConfig config = configuration("--listen", "127.0.0.1:3478", "--listen", "TCP:[::1]:3479",
                "--relay-ip", "127.0.0.1", "--external-ip", "203.0.113.7", "--ports", "40000-40099", "--realm", "lab",
                "--user", "alice:pw", "--user-file", users.toString(), "--auth-secret-file", secret.toString(),
                "--allow-peer", "10.0.0.0/8", "--quota", "3", "--max-bps", "1000000", "--max-lifetime", "300",
                "--max-connections-per-ip", "1000", "--max-request-rate-per-ip", "0",
                "--metrics", "127.0.0.1:9641");

        assertEquals(List.of(new ListenAddress(Transport.UDP, new InetSocketAddress("127.0.0.1", 3478)),
                new ListenAddress(Transport.TCP, new InetSocketAddress("::1", 3479))), config.listenAddresses());
        assertEquals(List.of(InetAddress.getByName("127.0.0.1")), config.relayIps());
        assertEquals(List.of(InetAddress.getByName("203.0.113.7")), config.externalIps());
        assertEquals(40000, config.minRelayPort());
        assertEquals(40099, config.maxRelayPort());
        assertEquals("lab", config.realm());
        assertEquals(Map.of("alice", "pw", "bob", "pw:with:colons"), config.users());
        assertEquals("s3cret", config.authSecret());
        assertEquals(List.of(Cidr.parse("10.0.0.0/8")), config.allowedPeers());
        assertEquals(3, config.userQuota());
        assertEquals(1_000_000, config.maxBitsPerSecond());
        assertEquals(1000, config.maxConnectionsPerIp());
        assertEquals(0, config.maxRequestRatePerIp());
        assertEquals(Duration.ofSeconds(300), config.maxLifetime());
        assertEquals(Duration.ofSeconds(300), config.defaultLifetime(), "a lower cap lowers the default too");
        assertEquals(new InetSocketAddress("127.0.0.1", 9641), config.metricsAddress());
    }

    @Test
    void defaultsAreTheServers() {
        TurnServerConfig defaults = TurnServerConfig.builder().user("alice", "pw").relayIp(InetAddress.getLoopbackAddress()).build();

        TurnServerConfig config = configuration("--user", "alice:pw", "--relay-ip", "127.0.0.1");

        assertEquals(List.of(new ListenAddress(Transport.UDP, new InetSocketAddress("0.0.0.0", 3478))), config.listenAddresses());
        assertEquals(defaults.minRelayPort(), config.minRelayPort());
        assertEquals(defaults.maxRelayPort(), config.maxRelayPort());
        assertEquals(defaults.realm(), config.realm());
        assertEquals(defaults.userQuota(), config.userQuota());
        assertEquals(defaults.maxBitsPerSecond(), config.maxBitsPerSecond());
        assertEquals(defaults.maxConnectionsPerIp(), config.maxConnectionsPerIp());
        assertEquals(defaults.maxRequestRatePerIp(), config.maxRequestRatePerIp());
        assertEquals(defaults.maxLifetime(), config.maxLifetime());
        assertEquals(defaults.defaultLifetime(), config.defaultLifetime());
        assertNull(config.metricsAddress());
        assertNull(config.authSecret());
    }

    private static TurnServerConfig configuration(String... flags) {
        String[] args = new String[flags.length + 1];
        args[0] = "relay";
        System.arraycopy(flags, 0, args, 1, flags.length);
        RelayCommand relay = (RelayCommand) Punchline.commandLine().parseArgs(args).subcommand().commandSpec().userObject();
        return relay.configuration();
    }
}
