package dev.punchline.turn.server;

import dev.punchline.turn.server.metrics.DropReason;
import dev.punchline.turn.wire.ErrorCode;
import dev.punchline.turn.wire.Integrity;
import dev.punchline.turn.wire.OpaqueAttribute;
import dev.punchline.turn.wire.StunClass;
import dev.punchline.turn.wire.StunMessage;
import dev.punchline.turn.wire.StunMethod;
import dev.punchline.turn.wire.TransactionId;
import dev.punchline.turn.wire.UnknownAttributes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input is answered (requests) or dropped and counted (everything else), and the server carries on. */
class MalformedInputTest extends ServerFixture {

    private static byte[] encode(StunMessage.Builder message) {
        ByteBuf encoded = message.encode(UnpooledByteBufAllocator.DEFAULT, Integrity.NONE, false);
        return ByteBufUtil.getBytes(encoded);
    }

    private static void assertStillServes(TestClient client) throws Exception {
        TransactionId id = TransactionId.random();
        StunMessage response = client.request(StunMessage.builder(StunMethod.BINDING, StunClass.REQUEST, id), id,
                Integrity.NONE);
        assertEquals(StunClass.SUCCESS_RESPONSE, response.messageClass());
    }

    @Test
    void aRequestWithAWrongLengthGets400() throws Exception {
        start(config());
        TestClient client = udpClient();
        TransactionId id = TransactionId.random();
        byte[] request = encode(StunMessage.builder(StunMethod.ALLOCATE, StunClass.REQUEST, id));
        byte[] truncated = new byte[request.length + 4];
        System.arraycopy(request, 0, truncated, 0, request.length);
        client.sendRaw(truncated);
        StunMessage response = client.awaitResponse(id);
        assertEquals(400, TestClient.errorCode(response));
        assertStillServes(client);
    }

    @Test
    void anUnknownComprehensionRequiredAttributeGets420() throws Exception {
        start(config());
        TestClient client = udpClient();
        TransactionId id = TransactionId.random();
        client.sendRaw(encode(StunMessage.builder(StunMethod.ALLOCATE, StunClass.REQUEST, id)
                .add(new OpaqueAttribute(0x0031, new byte[]{1, 2, 3, 4}))));
        StunMessage response = client.awaitResponse(id);
        assertEquals(420, TestClient.errorCode(response));
        assertArrayEquals(new int[]{0x0031}, response.attribute(UnknownAttributes.class).orElseThrow().types());
        assertStillServes(client);
    }

    @Test
    void anUnknownMethodGets400() throws Exception {
        start(config());
        TestClient client = udpClient();
        TransactionId id = TransactionId.random();
        StunMessage response = client.request(StunMessage.builder(0x0A5, StunClass.REQUEST, id), id, Integrity.NONE);
        assertEquals(400, TestClient.errorCode(response));
    }

    @Test
    void aMissingAttributeOnAnAllocationGets400SignedWithTheUsersKey() throws Exception {
        start(config());
        TestClient client = udpClient();
        client.allocate();
        StunMessage response = client.authed(StunMethod.CREATE_PERMISSION);
        assertEquals(400, response.attribute(ErrorCode.class).orElseThrow().code());
        assertTrue(response.verifyIntegrity(client.longTermKey()));
        StunMessage bind = client.authed(StunMethod.CHANNEL_BIND);
        assertEquals(400, TestClient.errorCode(bind));
    }

    @Test
    void garbageIsDroppedCountedAndTheServerCarriesOn() throws Exception {
        start(config());
        TestClient client = udpClient();
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            byte[] junk = new byte[random.nextInt(120)];
            random.nextBytes(junk);
            if (junk.length > 0) {
                junk[0] = (byte) (junk[0] | 0x80); // neither STUN nor ChannelData
            }
            client.sendRaw(junk);
        }
        assertStillServes(client);
        await(() -> server.metrics().drops(DropReason.MALFORMED) == 500, "every junk datagram to be counted");
    }

    @Test
    void mutatedRequestsNeverBreakTheServer() throws Exception {
        start(config());
        TestClient client = udpClient();
        client.allocate();
        byte[] template = encode(StunMessage.builder(StunMethod.CREATE_PERMISSION, StunClass.REQUEST,
                TransactionId.random()).add(new OpaqueAttribute(0x8030, new byte[8])));
        Random random = new Random(11);
        for (int i = 0; i < 2000; i++) {
            byte[] mutated = template.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                mutated[random.nextInt(mutated.length)] ^= (byte) (1 << random.nextInt(8));
            }
            client.sendRaw(mutated);
        }
        while (client.receive(200) != null) {
            // drain the 400s and 401s
        }
        assertStillServes(client);
        assertEquals(1, server.metrics().allocations());
    }

    @Test
    void channelDataWithoutAnAllocationAndStrayResponsesAreDropped() throws Exception {
        start(config());
        TestClient client = udpClient();
        client.sendChannelData(0x4000, new byte[]{1, 2, 3});
        client.sendRaw(encode(StunMessage.builder(StunMethod.BINDING, StunClass.SUCCESS_RESPONSE,
                TransactionId.random())));
        client.sendRaw(encode(StunMessage.builder(StunMethod.DATA, StunClass.INDICATION, TransactionId.random())));
        assertNull(client.receive(200));
        await(() -> server.metrics().drops(DropReason.NO_ALLOCATION) == 1, "the ChannelData drop");
        assertEquals(2, server.metrics().drops(DropReason.UNEXPECTED));
    }

    @Test
    void aBadFingerprintIsDropped() throws Exception {
        start(config());
        TestClient client = udpClient();
        TransactionId id = TransactionId.random();
        ByteBuf encoded = StunMessage.builder(StunMethod.BINDING, StunClass.REQUEST, id)
                .encode(UnpooledByteBufAllocator.DEFAULT, Integrity.NONE, true);
        byte[] bytes = ByteBufUtil.getBytes(encoded);
        bytes[bytes.length - 1] ^= 1;
        client.sendRaw(bytes);
        byte[] answer = client.receive(300);
        assertNull(answer, "no answer to a message that fails its FINGERPRINT");
        assertEquals(1, server.metrics().drops(DropReason.BAD_FINGERPRINT));
    }
}
