package dev.punchline.turn.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.punchline.turn.wire.Integrity;
import dev.punchline.turn.wire.StunClass;
import dev.punchline.turn.wire.StunMessage;
import dev.punchline.turn.wire.StunMethod;
import dev.punchline.turn.wire.TransactionId;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client as ice-adapter will drive it: over a socket the test owns, which also carries traffic that
 * is not the client's. Whatever the client does not take comes back to the socket's owner.
 */
class OverTransportTest {
    private final NioEventLoopGroup group = new NioEventLoopGroup(1);
    private final BlockingQueue<ByteBuf> notForTheClient = new LinkedBlockingQueue<>();
    private OurTurnServer server;
    private EchoPeer peer;
    private Channel socket;
    private TurnClient client;

    @BeforeEach
    void start() throws Exception {
        server = OurTurnServer.start();
        peer = EchoPeer.on(TestAddresses.LOOPBACK);
        InetSocketAddress serverAddress = server.address(TransportProtocol.UDP).orElseThrow();
        socket = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                        if (!client.receive(packet.content())) {
                            notForTheClient.add(packet.content().retain());
                        }
                    }
                })
                .bind(new InetSocketAddress(TestAddresses.LOOPBACK, 0)).sync().channel();
        TurnTransport transport = new TurnTransport() {
            @Override
            public void send(ByteBuf frame) {
                socket.writeAndFlush(new DatagramPacket(frame, serverAddress));
            }

            @Override
            public boolean isStream() {
                return false;
            }

            @Override
            public ByteBufAllocator alloc() {
                return socket.alloc();
            }

            @Override
            public void close() {
                // the socket is the test's, not the client's
            }
        };
        client = TurnClient.overTransport(server.clientConfig(TransportProtocol.UDP).build(), transport,
                socket.eventLoop());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        socket.close().sync();
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
        peer.close();
        server.close();
        notForTheClient.forEach(ByteBuf::release);
    }

    @Test
    void relaysOverASocketItDoesNotOwnAndPassesOnWhatIsNotItsOwn() throws Exception {
        TurnAllocation allocation = client.allocate().get(10, TimeUnit.SECONDS);
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        allocation.onData((from, payload) -> received.add(payload.toString(StandardCharsets.UTF_8)));
        allocation.permit(List.of(peer.address().getAddress())).get(10, TimeUnit.SECONDS);

        TransactionId ours = TransactionId.random();
        socket.writeAndFlush(new DatagramPacket(StunMessage.builder(StunMethod.BINDING, StunClass.REQUEST, ours)
                .encode(socket.alloc(), Integrity.NONE, true), server.address(TransportProtocol.UDP).orElseThrow()));
        allocation.send(peer.address(), Unpooled.copiedBuffer("through the relay", StandardCharsets.UTF_8));

        assertEquals("through the relay", received.poll(10, TimeUnit.SECONDS));
        ByteBuf other = notForTheClient.poll(10, TimeUnit.SECONDS);
        assertNotNull(other, "the Binding response never reached the socket's owner");
        StunMessage response = StunMessage.decode(other);
        try {
            assertEquals(ours, response.transactionId());
        } finally {
            response.release();
        }
        assertTrue(notForTheClient.isEmpty(), "only the Binding response is not the client's");
    }

    @Test
    void theOwnerClosingTheSocketLosesTheAllocationButTheClientLeavesTheSocketAlone() throws Exception {
        TurnAllocation allocation = client.allocate().get(10, TimeUnit.SECONDS);
        CompletableFuture<AllocationLoss> lost = new CompletableFuture<>();
        allocation.onLost(lost::complete);

        client.transportClosed("the owner shut its socket");

        assertEquals(AllocationLoss.Cause.TRANSPORT_CLOSED, lost.get(5, TimeUnit.SECONDS).cause());
        client.close();
        assertTrue(socket.isOpen());
    }
}
