package dev.punchline.it.lab;

import dev.punchline.tun.lab.AddressPlan;
import dev.punchline.tun.lab.Host;
import dev.punchline.turn.server.ListenAddress;
import dev.punchline.turn.server.TurnServer;
import dev.punchline.turn.server.TurnServerConfig;
import java.net.InetSocketAddress;

/**
 * Punchline's TURN server running in this JVM on a lab host: started on the host's namespace thread, so its
 * listening sockets, its event loops and the relay sockets they open later all live in that namespace. Peers in
 * the lab's public ranges (documentation ranges, which the server refuses by default) are allowed.
 */
public final class LabRelay {

    public static final int PORT = 3478;
    public static final String USER = "lab";
    public static final String PASSWORD = "lab-password";

    private LabRelay() {
    }

    /** Starts the relay on {@code host}'s IPv4 and IPv6 addresses, UDP and TCP, port {@value #PORT}. */
    public static TurnServer start(Host host) throws Exception {
        TurnServerConfig.Builder config = TurnServerConfig.builder()
                .listen(ListenAddress.udp(new InetSocketAddress(host.address(), PORT)))
                .listen(ListenAddress.tcp(new InetSocketAddress(host.address(), PORT)))
                .listen(ListenAddress.udp(new InetSocketAddress(host.address6(), PORT)))
                .realm("lab")
                .user(USER, PASSWORD)
                .eventLoopThreads(1);
        AddressPlan.PUBLIC_RANGES.forEach(config::allowPeer);
        TurnServerConfig built = config.build();
        return host.runInNamespace(() -> TurnServer.start(built));
    }

    public static InetSocketAddress address(Host host) {
        return new InetSocketAddress(host.address(), PORT);
    }
}
