package dev.punchline.turn.server;

import dev.punchline.turn.server.metrics.DeletionReason;
import dev.punchline.turn.server.metrics.DropReason;
import dev.punchline.turn.wire.StunClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TCP and TLS clients (RFC 8656 stream framing) with UDP relays. */
class StreamTransportTest extends ServerFixture {

    @TempDir
    Path tempDir;

    private void startWithStreams() throws Exception {
        SelfSignedPem pem = SelfSignedPem.create(tempDir);
        start(config()
                .listen(Transport.TCP, new InetSocketAddress(CLIENT_IP, 0))
                .listen(Transport.TLS, new InetSocketAddress(CLIENT_IP, 0))
                .tlsCertificate(pem.certificate())
                .tlsPrivateKey(pem.privateKey()));
    }

    @Test
    void tcpAllocateAndPaddedChannelData() throws Exception {
        startWithStreams();
        relayOverStream(keep(TestClient.tcp(listener(Transport.TCP))).credentials(USER, PASSWORD));
    }

    @Test
    void tlsAllocateAndPaddedChannelData() throws Exception {
        startWithStreams();
        relayOverStream(keep(TestClient.tls(listener(Transport.TLS))).credentials(USER, PASSWORD));
    }

    private void relayOverStream(TestClient client) throws Exception {
        InetSocketAddress relayed = client.allocate();
        DatagramSocket peer = peer();
        assertEquals(StunClass.SUCCESS_RESPONSE, client.bind(0x4002, addressOf(peer)).messageClass());

        // Five bytes: the frame on the stream carries three bytes of padding both ways.
        client.sendChannelData(0x4002, "12345".getBytes());
        client.sendChannelData(0x4002, "678".getBytes());
        assertEquals(relayed, expectDatagram(peer, "12345".getBytes()).getSocketAddress());
        expectDatagram(peer, "678".getBytes());

        sendTo(peer, relayed, "abcde".getBytes());
        sendTo(peer, relayed, "fg".getBytes());
        assertArrayEquals("abcde".getBytes(), client.receiveData(TestClient.TIMEOUT_MS));
        assertArrayEquals("fg".getBytes(), client.receiveData(TestClient.TIMEOUT_MS), "padding was consumed");

        client.close();
        await(() -> server.metrics().allocations() == 0, "the allocation to end with its connection");
        assertEquals(1, server.metrics().allocationsDeleted(DeletionReason.CONNECTION_CLOSED));
    }

    @Test
    void garbageOnAStreamClosesOnlyThatConnection() throws Exception {
        startWithStreams();
        TestClient bad = keep(TestClient.tcp(listener(Transport.TCP)));
        bad.sendRaw(new byte[]{(byte) 0xFF, 1, 2, 3, 4, 5, 6, 7});
        await(() -> server.metrics().drops(DropReason.MALFORMED) == 1, "the garbage to be counted");
        TestClient good = keep(TestClient.tcp(listener(Transport.TCP))).credentials(USER, PASSWORD);
        good.allocate();
        assertEquals(1, server.metrics().allocations());
    }

    @Test
    void tlsNeedsReadableKeyMaterial() throws Exception {
        Path missing = tempDir.resolve("missing.pem");
        Path garbage = Files.writeString(tempDir.resolve("garbage.pem"), "not a certificate");
        Exception e = assertThrows(java.io.IOException.class, () -> start(config()
                .listen(Transport.TLS, new InetSocketAddress(CLIENT_IP, 0))
                .tlsCertificate(garbage).tlsPrivateKey(missing)));
        assertTrue(e.getMessage().contains("garbage.pem"), e.getMessage());
    }
}
