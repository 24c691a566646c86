package dev.punchline.turn.server;

import dev.punchline.turn.server.metrics.DropReason;
import dev.punchline.turn.wire.AttributeType;
import dev.punchline.turn.wire.Integrity;
import dev.punchline.turn.wire.StunAttribute;
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
import java.net.InetSocketAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What anyone can get from the server before holding an allocation: a bounded number of answers per source, each no
 * bigger than the protocol needs, because over UDP the "client" may be a forged address.
 */
class UnallocatedClientsTest extends ServerFixture {

    private static byte[] request(int method) {
        ByteBuf encoded = StunMessage.builder(method, StunClass.REQUEST, TransactionId.random())
                .encode(UnpooledByteBufAllocator.DEFAULT, Integrity.NONE, false);
        try {
            return ByteBufUtil.getBytes(encoded);
        } finally {
            encoded.release();
        }
    }

    /** Sends {@code count} Binding requests at once and returns how many were answered. */
    private int bindingBurst(DatagramSocket socket, int count) throws IOException {
        InetSocketAddress server = listener(Transport.UDP);
        for (int i = 0; i < count; i++) {
            sendTo(socket, server, request(StunMethod.BINDING));
        }
        int answered = 0;
        while (receive(socket, 500) != null) {
            answered++;
        }
        return answered;
    }

    private DatagramSocket socketOn(String address) throws IOException {
        DatagramSocket socket = keep(new DatagramSocket(new InetSocketAddress(address(address), 0)));
        socket.setReceiveBufferSize(1 << 20); // answers wait there until the whole burst is sent
        return socket;
    }

    @Test
    void aSourceWithoutAnAllocationIsAnsweredOnlyWithinItsBudget() throws Exception {
        start(config().maxRequestRatePerIp(5));
        int answered = bindingBurst(socketOn("127.0.0.1"), 30);
        // A burst of two seconds' worth (10), plus what trickles back in while the test reads.
        assertTrue(answered >= 10 && answered <= 14, answered + " answered");
        int dropped = 30 - answered;
        await(() -> server.metrics().drops(DropReason.RATE_LIMITED) == dropped, "the unanswered to be counted");

        TestClient elsewhere = keep(TestClient.udp(socketOn("127.0.0.3"), listener(Transport.UDP)))
                .credentials(USER, PASSWORD);
        elsewhere.allocate();
    }

    @Test
    void aClientWithAnAllocationIsNotLimited() throws Exception {
        start(config().maxRequestRatePerIp(1));
        TestClient client = udpClient();
        client.allocate(); // the challenge and the Allocate: the whole burst of two
        for (int i = 0; i < 20; i++) {
            assertEquals(StunClass.SUCCESS_RESPONSE, client.refresh(600).messageClass());
        }
        assertEquals(0, server.metrics().drops(DropReason.RATE_LIMITED));
    }

    /** The burst that a limit of 5 a second cuts to about half is answered in full. */
    @Test
    void noLimitWhenConfiguredSo() throws Exception {
        start(config().maxRequestRatePerIp(0));
        assertEquals(30, bindingBurst(socketOn("127.0.0.1"), 30));
    }

    @Test
    void garbageSpendsNoBudget() throws Exception {
        start(config().maxRequestRatePerIp(1));
        TestClient client = udpClient();
        for (int i = 0; i < 20; i++) {
            client.sendRaw(new byte[]{(byte) 0xFF, 1, 2, 3});
        }
        await(() -> server.metrics().drops(DropReason.MALFORMED) == 20, "the garbage to be dropped");
        client.allocate();
    }

    /**
     * The smallest requests the server answers unsigned, and the answers: nothing beyond what RFC 8489 asks for (no
     * SOFTWARE); FINGERPRINT stays, since clients demultiplexing STUN from media rely on it.
     */
    @Test
    void unsignedAnswersCarryOnlyWhatTheProtocolNeeds() throws Exception {
        start(config());
        DatagramSocket socket = socketOn("127.0.0.1");
        InetSocketAddress server = listener(Transport.UDP);

        byte[] allocate = request(StunMethod.ALLOCATE);
        sendTo(socket, server, allocate);
        DatagramPacket challenge = receive(socket, TestClient.TIMEOUT_MS);
        assertNotNull(challenge);
        assertEquals(List.of(AttributeType.ERROR_CODE, AttributeType.REALM, AttributeType.NONCE,
                AttributeType.FINGERPRINT), types(challenge));
        // 20 bytes in, 20 + ERROR-CODE 24 + REALM 16 + NONCE 40 + FINGERPRINT 8 out with the default realm.
        assertEquals(20, allocate.length);
        assertEquals(108, challenge.getLength());

        sendTo(socket, server, request(StunMethod.BINDING));
        DatagramPacket binding = receive(socket, TestClient.TIMEOUT_MS);
        assertNotNull(binding);
        assertEquals(List.of(AttributeType.XOR_MAPPED_ADDRESS, AttributeType.FINGERPRINT), types(binding));
    }

    private static List<Integer> types(DatagramPacket packet) throws Exception {
        StunMessage message = StunMessage.decode(Unpooled.wrappedBuffer(packet.getData()));
        try {
            return message.attributes().stream().map(StunAttribute::type).toList();
        } finally {
            message.release();
        }
    }
}
