package dev.punchline.turn.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TurnClientConfigTest {
    private static final InetSocketAddress SERVER = new InetSocketAddress(TestAddresses.of("127.0.0.1"), 3478);

    @Test
    void defaultsFollowTheRfcsAndTheDesign() {
        TurnClientConfig config = TurnClientConfig.builder(SERVER).credentials("alice", "pw").build();

        assertEquals(TransportProtocol.UDP, config.protocol());
        assertTrue(config.dontFragment());
        assertEquals(Duration.ofSeconds(300), config.permissionLifetime());
        assertEquals(Duration.ofSeconds(600), config.channelLifetime());
        assertEquals(RetransmissionPolicy.rfc8489(), config.retransmission());
        assertEquals("127.0.0.1", config.tlsServerName());
        assertFalse(config.toString().contains("pw"));
    }

    @Test
    void errorsNameTheSetting() {
        assertEquals("credentials: a username is required", message(TurnClientConfig.builder(SERVER)));
        assertTrue(message(TurnClientConfig.builder(InetSocketAddress.createUnresolved("turn.example", 3478))
                .credentials("alice", "pw")).startsWith("server must be a resolved address"));
        assertTrue(message(TurnClientConfig.builder(SERVER).credentials("alice", "pw")
                .requestedLifetime(Duration.ZERO)).startsWith("requestedLifetime"));
        assertTrue(message(TurnClientConfig.builder(SERVER).credentials("alice", "pw")
                .permissionLifetime(Duration.ofSeconds(-1))).startsWith("permissionLifetime"));
        assertTrue(message(TurnClientConfig.builder(SERVER).restCredentials("alice", ""))
                .startsWith("restCredentials"));
    }

    private static String message(TurnClientConfig.Builder builder) {
        return assertThrows(IllegalArgumentException.class, builder::build).getMessage();
    }
}
