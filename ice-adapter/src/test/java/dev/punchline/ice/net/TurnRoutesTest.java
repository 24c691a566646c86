package dev.punchline.ice.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.punchline.turn.client.AllocationLoss;
import dev.punchline.turn.client.TurnAllocation;
import dev.punchline.turn.client.TurnClientConfig;
import dev.punchline.turn.server.ListenAddress;
import dev.punchline.turn.server.Transport;
import dev.punchline.turn.server.TurnServer;
import dev.punchline.turn.server.TurnServerConfig;
import dev.punchline.turn.wire.StunMessage;
import dev.punchline.turn.wire.TransactionId;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The TURN routes over real sockets, against our TurnServer on loopback. */
@ExtendWith(NoLeaks.class)
class TurnRoutesTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress(LOOPBACK, 0);

    private TurnServer server;
    private InetSocketAddress serverAddress;
    private UdpEndpoint local;
    private UdpEndpoint peer;
    private TurnAllocation allocation;
    private final Received link = new Received("link");
    private final Received agent = new Received("agent");

    @BeforeEach
    void allocate() throws Exception {
        server = TurnServer.start(TurnServerConfig.builder()
                .listen(ListenAddress.udp(ANY_PORT))
                .relayIp(LOOPBACK)
                .allowPeer("127.0.0.0/8")
                .user("alice", "wonderland")
                .eventLoopThreads(1)
                .build());
        serverAddress = server.listeners().stream().filter(l -> l.transport() == Transport.UDP).findFirst()
                .orElseThrow().address();
        local = UdpEndpoint.open(UdpEndpointConfig.of(ANY_PORT));
        peer = UdpEndpoint.open(UdpEndpointConfig.of(ANY_PORT));
        allocation = local.allocate(TurnClientConfig.builder(serverAddress).credentials("alice", "wonderland")
                .build()).get(10, TimeUnit.SECONDS);
        allocation.permit(List.of(LOOPBACK)).get(10, TimeUnit.SECONDS);
        local.demultiplexer().addPeer(PacketClass.LINK_FRAME, peer.localAddress(), link);
        local.demultiplexer().addAgent("aaaa", agent);
        local.demultiplexer().setFallback(PacketClass.STUN, agent);
    }

    @AfterEach
    void close() {
        allocation.close();
        local.close();
        peer.close();
        server.close();
    }

    @Test
    void whatAPeerSendsToOurRelayedAddressIsRoutedAsRelayed() throws Exception {
        Via relayed = Via.relayed(local.localAddress(), serverAddress);

        peer.send(Datagrams.linkFrame("by Send/Data indication"), allocation.relayedAddress());
        Received.Delivery first = link.next();
        assertEquals("by Send/Data indication", first.body());
        assertEquals(peer.localAddress(), first.from());
        assertEquals(relayed, first.via());

        peer.send(Datagrams.check("aaaa:pppp"), allocation.relayedAddress());
        Received.Delivery check = agent.next();
        assertEquals(peer.localAddress(), check.from());
        assertEquals(relayed, check.via());

        allocation.bindChannel(peer.localAddress()).get(10, TimeUnit.SECONDS);
        peer.send(Datagrams.linkFrame("by ChannelData"), allocation.relayedAddress());
        Received.Delivery channelData = link.next();
        assertEquals("by ChannelData", channelData.body());
        assertEquals(relayed, channelData.via());

        // Read on the socket's event loop, where every datagram is routed whole: no datagram is half-counted.
        DemuxCounters c = local.demultiplexer().counters();
        long[] counts = local.eventLoop().submit(() -> new long[] {c.received() + c.unwrapped(),
            c.toTurnClients() + c.deliveredTotal() + c.droppedTotal()}).get(10, TimeUnit.SECONDS);
        assertEquals(3, c.unwrapped());
        assertEquals(0, c.droppedTotal(), c.toString());
        assertEquals(counts[0], counts[1], c.toString());
    }

    @Test
    void aBindingResponseFromTheTurnServerReachesTheStunFallbackNotTheTurnClient() throws Exception {
        TransactionId id = TransactionId.random();
        local.send(Datagrams.bindingRequest(id), serverAddress);

        Received.Delivery response = agent.next();
        assertEquals(serverAddress, response.from());
        assertEquals(Via.direct(local.localAddress()), response.via());
        StunMessage m = StunMessage.decode(Unpooled.wrappedBuffer(response.bytes()));
        try {
            assertEquals(id, m.transactionId());
            assertEquals(local.localAddress(), m.xorAddress(dev.punchline.turn.wire.AttributeType.XOR_MAPPED_ADDRESS)
                    .orElseThrow().address(), "the server-reflexive address on loopback is our own");
        } finally {
            m.release();
        }
    }

    @Test
    void ourRelayedSendsReachThePeerAndClosingTheSocketLosesTheAllocation() throws Exception {
        Received atPeer = new Received("peer");
        peer.demultiplexer().setFallback(PacketClass.LINK_FRAME, atPeer);
        allocation.send(peer.localAddress(), Datagrams.linkFrame("from the relay"));
        Received.Delivery d = atPeer.next();
        assertEquals("from the relay", d.body());
        assertEquals(allocation.relayedAddress(), d.from());

        local.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (allocation.loss().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(AllocationLoss.Cause.TRANSPORT_CLOSED, allocation.loss().orElseThrow().cause());
        assertTrue(allocation.loss().get().toString().contains(local.localAddress().toString()));
    }
}
