package dev.punchline.turn.server;

import dev.punchline.turn.server.transport.NativeTransport;
import dev.punchline.turn.wire.StunClass;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The NIO transport, used where epoll is not available, relays the same way (one UDP socket per listener). */
class NioFallbackTest extends ServerFixture {

    @Test
    void udpAndTcpClientsRelayOverNio() throws Exception {
        server = TurnServer.start(config().listen(Transport.TCP, new InetSocketAddress(CLIENT_IP, 0)).build(),
                NativeTransport.NIO);
        DatagramSocket peer = peer();
        for (TestClient client : new TestClient[]{udpClient(),
                keep(TestClient.tcp(listener(Transport.TCP))).credentials(USER, PASSWORD)}) {
            InetSocketAddress relayed = client.allocate();
            assertEquals(StunClass.SUCCESS_RESPONSE, client.bind(0x4000, addressOf(peer)).messageClass());
            client.sendChannelData(0x4000, new byte[]{1, 2, 3});
            expectDatagram(peer, new byte[]{1, 2, 3});
            sendTo(peer, relayed, new byte[]{4, 5});
            assertArrayEquals(new byte[]{4, 5}, client.receiveData(TestClient.TIMEOUT_MS));
        }
        assertEquals(2, server.metrics().allocations());
    }
}
