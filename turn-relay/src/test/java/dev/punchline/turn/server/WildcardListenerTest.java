package dev.punchline.turn.server;

import dev.punchline.turn.server.metrics.DropReason;
import dev.punchline.turn.server.transport.LocalAddresses;
import dev.punchline.turn.server.transport.NativeTransport;
import dev.punchline.turn.wire.AttributeType;
import dev.punchline.turn.wire.Integrity;
import dev.punchline.turn.wire.StunClass;
import dev.punchline.turn.wire.StunMessage;
import dev.punchline.turn.wire.StunMethod;
import dev.punchline.turn.wire.TransactionId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A wildcard UDP listener is one socket per local address, so an answer leaves from the address its request was sent to
 * and the server's address is part of the 5-tuple. A made-up host with two addresses, 127.0.0.1 and 127.0.0.2 (Linux
 * answers on all of 127/8, but its loopback interface lists only the first).
 */
class WildcardListenerTest extends ServerFixture {

    private static final InetAddress SECOND = address("127.0.0.2");
    private static final LocalAddresses TWO_ADDRESSES = wildcard -> List.of(CLIENT_IP, SECOND);

    private static TurnServerConfig.Builder wildcardConfig(InetAddress wildcard, int port) {
        return TurnServerConfig.builder()
                .listen(ListenAddress.udp(new InetSocketAddress(wildcard, port)))
                .relayIp(RELAY_IP)
                .user(USER, PASSWORD)
                .allowPeer("127.0.0.0/8")
                .eventLoopThreads(2);
    }

    private void startOnTwoAddresses() throws IOException {
        server = TurnServer.start(wildcardConfig(address("0.0.0.0"), 0).build(), NativeTransport.detect(),
                TWO_ADDRESSES);
    }

    private InetSocketAddress listenerOn(InetAddress address) {
        return server.boundAddresses().stream().filter(a -> a.getAddress().equals(address)).findFirst().orElseThrow();
    }

    @Test
    void aWildcardListenerBindsEachLocalAddressOnOnePort() throws Exception {
        startOnTwoAddresses();
        int port = server.boundAddresses().get(0).getPort();
        assertEquals(List.of(ListenAddress.udp(new InetSocketAddress(CLIENT_IP, port)),
                ListenAddress.udp(new InetSocketAddress(SECOND, port))), server.listeners());
    }

    @Test
    void aClientTalkingToTheSecondAddressIsAnsweredFromIt() throws Exception {
        startOnTwoAddresses();
        InetSocketAddress second = listenerOn(SECOND);
        DatagramSocket client = keep(new DatagramSocket(new InetSocketAddress(CLIENT_IP, 0)));
        ByteBuf request = StunMessage.builder(StunMethod.BINDING, StunClass.REQUEST, TransactionId.random())
                .encode(UnpooledByteBufAllocator.DEFAULT, Integrity.NONE, true);
        byte[] bytes = ByteBufUtil.getBytes(request);
        request.release();
        client.send(new DatagramPacket(bytes, bytes.length, second));

        DatagramPacket answer = receive(client, TestClient.TIMEOUT_MS);
        assertNotNull(answer, "no answer");
        assertEquals(second, answer.getSocketAddress(), "answered from another address than the one asked");
        StunMessage response = StunMessage.decode(Unpooled.wrappedBuffer(answer.getData()));
        assertEquals(client.getLocalSocketAddress(),
                response.xorAddress(AttributeType.XOR_MAPPED_ADDRESS).orElseThrow().address());
    }

    /** One client socket, two server addresses: two 5-tuples, two allocations that know nothing of each other. */
    @Test
    void theServersAddressIsPartOfTheFiveTuple() throws Exception {
        startOnTwoAddresses();
        DatagramSocket socket = keep(new DatagramSocket(new InetSocketAddress(CLIENT_IP, 0)));
        TestClient viaFirst = TestClient.udp(socket, listenerOn(CLIENT_IP)).credentials(USER, PASSWORD);
        TestClient viaSecond = TestClient.udp(socket, listenerOn(SECOND)).credentials(USER, PASSWORD);
        InetSocketAddress first = viaFirst.allocate();
        InetSocketAddress second = viaSecond.allocate();
        assertNotEquals(first, second);
        assertEquals(2, server.metrics().allocations());

        DatagramSocket peer = peer();
        assertEquals(StunClass.SUCCESS_RESPONSE, viaSecond.bind(0x4000, addressOf(peer)).messageClass());
        viaSecond.sendChannelData(0x4000, new byte[]{2});
        assertEquals(second, expectDatagram(peer, new byte[]{2}).getSocketAddress());
        viaFirst.sendChannelData(0x4000, new byte[]{1});
        await(() -> server.metrics().drops(DropReason.NO_CHANNEL) == 1, "the other allocation to know no channel");
    }

    /** {@code 0.0.0.0} and a dual-stack {@code [::]} on one port: each address is bound once, by the first of them. */
    @Test
    void twoWildcardsOnOnePortShareTheAddressesOut() throws Exception {
        InetAddress third = address("127.0.0.3");
        int port = AllocationTest.freeUdpPort();
        LocalAddresses host = wildcard -> wildcard instanceof Inet6Address
                ? List.of(CLIENT_IP, SECOND, third) : List.of(CLIENT_IP, SECOND);
        server = TurnServer.start(wildcardConfig(address("0.0.0.0"), port)
                .listen(ListenAddress.udp(new InetSocketAddress(address("::"), port))).build(),
                NativeTransport.detect(), host);
        assertEquals(List.of(CLIENT_IP, SECOND, third),
                server.boundAddresses().stream().map(InetSocketAddress::getAddress).toList());
        keep(TestClient.udp(listenerOn(third))).credentials(USER, PASSWORD).allocate();
    }

    @Test
    void thisHostsAddressesServeTheDefaultListener() throws Exception {
        server = TurnServer.start(wildcardConfig(address("0.0.0.0"), 0).build());
        assertTrue(server.boundAddresses().stream().noneMatch(a -> a.getAddress().isAnyLocalAddress()),
                server.boundAddresses().toString());
        assertFalse(server.boundAddresses().stream().anyMatch(a -> a.getAddress() instanceof Inet6Address));
        keep(TestClient.udp(listenerOn(CLIENT_IP))).credentials(USER, PASSWORD).allocate();
    }
}
