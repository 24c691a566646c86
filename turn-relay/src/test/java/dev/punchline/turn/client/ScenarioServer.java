package dev.punchline.turn.client;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The settings every server of the client scenarios is started with, whichever server it is: short
 * lifetimes (so refreshes happen within a test), one static user and one TURN REST secret.
 */
public abstract class ScenarioServer implements TurnServerUnderTest {
    public static final Duration ALLOCATION_LIFETIME = Duration.ofSeconds(6);
    public static final Duration PERMISSION_LIFETIME = Duration.ofSeconds(4);
    public static final Duration CHANNEL_LIFETIME = Duration.ofSeconds(6);
    public static final Duration NONCE_LIFETIME = Duration.ofSeconds(5);
    public static final String USER = "alice";
    public static final String PASSWORD = "wonderland";
    public static final String SECRET = "rest-shared-secret";

    @Override
    public final String user() {
        return USER;
    }

    @Override
    public final String password() {
        return PASSWORD;
    }

    @Override
    public final String restSecret() {
        return SECRET;
    }

    @Override
    public final Duration allocationLifetime() {
        return ALLOCATION_LIFETIME;
    }

    @Override
    public TurnClientConfig.Builder clientConfig(InetSocketAddress address, TransportProtocol protocol) {
        return TurnClientConfig.builder(address)
                .protocol(protocol)
                .credentials(USER, PASSWORD)
                .permissionLifetime(PERMISSION_LIFETIME)
                .channelLifetime(CHANNEL_LIFETIME);
    }
}
