package dev.punchline.it.lab;

import dev.punchline.turn.server.TurnServer;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs our TURN server ({@link LabRelay}) on a public host of a class's lab while its tests run. Register it after
 * the {@link LabExtension}, so the lab is up before it starts and still up when it stops:
 *
 * <pre>{@code
 * @RegisterExtension @Order(1) static final LabExtension LAB = LabExtension.of(topology);
 * @RegisterExtension @Order(2) static final LabRelayExtension RELAY = new LabRelayExtension(LAB, "relay");
 * }</pre>
 */
public final class LabRelayExtension implements BeforeAllCallback, AfterAllCallback {

    private final LabExtension lab;
    private final String host;
    private TurnServer server;

    public LabRelayExtension(LabExtension lab, String host) {
        this.lab = lab;
        this.host = host;
    }

    /** Where the relay listens (UDP and TCP). */
    public InetSocketAddress address() {
        return LabRelay.address(lab.lab().host(host));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = LabRelay.start(lab.lab().host(host));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
