package dev.punchline.ice.control;

import dev.punchline.turn.client.TurnAllocation;
import dev.punchline.turn.client.TurnClient;
import dev.punchline.turn.client.TurnClientConfig;
import dev.punchline.turn.server.ListenAddress;
import dev.punchline.turn.server.Transport;
import dev.punchline.turn.server.TurnServer;
import dev.punchline.turn.server.TurnServerConfig;
import io.netty.channel.EventLoopGroup;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;

/**
 * Our TURN server on loopback (listening on 127.0.0.1, relaying from 127.0.0.2, loopback peers allowed)
 * and allocations on it made by our TURN client, wired to controllers as relayed candidates.
 */
final class LoopbackTurn implements AutoCloseable {

    private static final String USER = "ice";
    private static final String PASSWORD = "relay-first";

    private final TurnServer server;

    private LoopbackTurn(TurnServer server) {
        this.server = server;
    }

    static LoopbackTurn start() throws IOException {
        return new LoopbackTurn(TurnServer.start(TurnServerConfig.builder()
                .listen(ListenAddress.udp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
                .relayIp(relayIp())
                .user(USER, PASSWORD)
                .userQuota(1000)
                .allowPeer("127.0.0.0/8")
                .eventLoopThreads(1)
                .build()));
    }

    static InetAddress relayIp() throws UnknownHostException {
        return InetAddress.getByName("127.0.0.2");
    }

    InetSocketAddress address() {
        return server.listeners().stream().filter(l -> l.transport() == Transport.UDP).findFirst().orElseThrow()
                .address();
    }

    /** An allocation whose client runs on {@code group}; loopback peers are permitted at once. */
    TurnAllocation allocate(EventLoopGroup group) throws Exception {
        TurnClientConfig config = TurnClientConfig.builder(address()).credentials(USER, PASSWORD)
                .eventLoopGroup(group).build();
        TurnAllocation allocation = TurnClient.create(config).allocate().get(20, TimeUnit.SECONDS);
        allocation.permit(java.util.List.of(InetAddress.getLoopbackAddress())).get(20, TimeUnit.SECONDS);
        return allocation;
    }

    /** The allocation as a relayed candidate: sends go through it. */
    static RelayEndpoint relayEndpoint(TurnAllocation allocation) {
        return new RelayEndpoint(allocation.relayedAddress(), (datagram, to) -> allocation.send(to, datagram),
                allocation.server(), allocation.mappedAddress().orElse(null));
    }

    /** What peers send to the relayed address reaches {@code controller} as arriving there. */
    static void feed(TurnAllocation allocation, IceController controller) {
        allocation.onData((peer, payload) -> controller.receive(payload, peer, allocation.relayedAddress()));
    }

    @Override
    public void close() {
        server.close();
    }
}
