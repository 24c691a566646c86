package dev.punchline.turn.server;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TurnServerConfigTest {

    private static TurnServerConfig.Builder minimal() {
        return TurnServerConfig.builder()
                .listen(ListenAddress.udp(new InetSocketAddress("127.0.0.1", 3478)))
                .user("alice", "pw");
    }

    private static String error(TurnServerConfig.Builder builder) {
        return assertThrows(IllegalArgumentException.class, builder::build).getMessage();
    }

    @Test
    void defaultsAreSafe() {
        TurnServerConfig config = minimal().build();
        assertEquals("punchline", config.realm());
        assertEquals(49152, config.minRelayPort());
        assertEquals(65535, config.maxRelayPort());
        assertEquals(Duration.ofSeconds(600), config.defaultLifetime());
        assertEquals(Duration.ofSeconds(3600), config.maxLifetime());
        assertEquals(Duration.ofSeconds(300), config.permissionLifetime());
        assertEquals(Duration.ofSeconds(600), config.channelLifetime());
        assertEquals(Duration.ofMinutes(5), config.channelQuarantine());
        assertEquals(10, config.userQuota());
        assertEquals(10_000, config.maxAllocations());
        assertEquals(0, config.maxBitsPerSecond());
        assertEquals(10_000, config.maxConnections());
        assertEquals(256, config.maxConnectionsPerIp());
        assertEquals(200, config.maxRequestRatePerIp());
        assertEquals(1000, config.maxPermissions());
        assertEquals(Duration.ofSeconds(60), config.unallocatedConnectionTimeout());
        assertEquals(Duration.ofSeconds(10), config.tlsHandshakeTimeout());
        assertTrue(config.allowedPeers().isEmpty());
        assertEquals(InetAddress.getLoopbackAddress(), config.relayIp(false));
    }

    @Test
    void anOpenRelayIsNeverTheDefault() {
        String message = error(TurnServerConfig.builder().listen(ListenAddress.udp(new InetSocketAddress("127.0.0.1", 0))));
        assertEquals("no credentials configured: add a user or an auth secret", message);
    }

    @Test
    void errorsNameTheSetting() {
        assertEquals("portRange: min 60000 > max 50000", error(minimal().portRange(60000, 50000)));
        assertTrue(error(minimal().userQuota(0)).startsWith("userQuota:"));
        assertTrue(error(minimal().maxConnectionsPerIp(0)).startsWith("maxConnectionsPerIp:"));
        assertTrue(error(minimal().tlsHandshakeTimeout(Duration.ZERO)).startsWith("tlsHandshakeTimeout:"));
        assertTrue(error(minimal().defaultLifetime(Duration.ofHours(2))).startsWith("defaultLifetime:"));
        assertTrue(error(minimal().listen(Transport.TLS, new InetSocketAddress("127.0.0.1", 5349)))
                .startsWith("tlsCertificate:"));
        assertTrue(error(minimal().tlsCertificate(Path.of("cert.pem"))).startsWith("tlsPrivateKey:"));
        assertTrue(error(TurnServerConfig.builder().user("a", "b")).startsWith("relayIp:"));
    }

    @Test
    void allowedPeerRangesAreParsedAndChecked() {
        TurnServerConfig config = minimal().allowPeer("10.0.0.0/8").allowPeer("127.0.0.0/8").build();
        assertEquals(2, config.allowedPeers().size());
        assertTrue(config.peerPolicy().check(InetAddress.getLoopbackAddress()).allowed());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> minimal().allowPeer("10.0.0.300/8"))
                .getMessage().startsWith("allowPeer:"));
        assertTrue(error(minimal().allowPeer("0.0.0.0/0")).contains("0.0.0.0/0"));
    }

    @Test
    void secretsStayOutOfToString() {
        String text = minimal().authSecret("s3cret-value").build().toString();
        assertTrue(!text.contains("s3cret-value") && !text.contains("pw"), text);
    }
}
