package dev.punchline.ice;

import dev.punchline.ice.net.UdpEndpoint;
import dev.punchline.turn.client.RetransmissionPolicy;
import dev.punchline.turn.client.TransportProtocol;
import dev.punchline.turn.client.TurnAllocation;
import dev.punchline.turn.client.TurnClient;
import dev.punchline.turn.client.TurnClientConfig;
import io.netty.channel.EventLoop;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * Our allocation on one relay: over the session's first UDP socket (its datagrams then pass that socket's
 * demultiplexer), or over a TCP/TLS connection of its own where UDP is blocked (its data then comes through
 * the session's own listener).
 *
 * @param server     the relay, as configured
 * @param allocation the TURN allocation
 * @param overUdp    true when it shares the session's UDP socket
 */
record RelayLeg(RelayServer server, TurnAllocation allocation, boolean overUdp) {

    InetSocketAddress relayed() {
        return allocation.relayedAddress();
    }

    /** Allocates on {@code server}: over {@code endpoint} for UDP, on a connection of its own run on {@code loop} otherwise. */
    static CompletableFuture<RelayLeg> allocate(RelayServer server, RetransmissionPolicy retransmission,
                                             UdpEndpoint endpoint, EventLoop loop) {
        TurnClientConfig.Builder b = TurnClientConfig.builder(server.address()).protocol(server.protocol())
                .eventLoopGroup(loop).retransmission(retransmission);
        if (server.restSecret() != null) {
            b.restCredentials(server.username(), server.restSecret());
        } else {
            b.credentials(server.username(), server.password());
        }
        TurnClientConfig config = b.build();
        if (server.protocol() == TransportProtocol.UDP) {
            return endpoint.allocate(config).thenApply(a -> new RelayLeg(server, a, true));
        }
        TurnClient client = TurnClient.create(config);
        return client.allocate().whenComplete((a, error) -> {
            if (error != null) {
                client.closeAsync();
            }
        }).thenApply(a -> new RelayLeg(server, a, false));
    }
}
