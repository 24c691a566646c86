package dev.punchline.turn.server;

import dev.punchline.turn.server.metrics.ConnectionCloseReason;
import dev.punchline.turn.server.metrics.DeletionReason;
import dev.punchline.turn.wire.StunClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** TCP and TLS connections are bounded: in time while they hold no allocation, and in number per source and in all. */
class ConnectionLimitsTest extends ServerFixture {

    /** Short enough for a test, long enough that a loaded machine still allocates within it. */
    private static final Duration SHORT = Duration.ofMillis(1500);
    private static final InetAddress OTHER_CLIENT_IP = address("127.0.0.3");

    @TempDir
    Path tempDir;

    private TurnServerConfig.Builder withStreams() throws Exception {
        SelfSignedPem pem = SelfSignedPem.create(tempDir);
        return config()
                .listen(Transport.TCP, new InetSocketAddress(CLIENT_IP, 0))
                .listen(Transport.TLS, new InetSocketAddress(CLIENT_IP, 0))
                .tlsCertificate(pem.certificate())
                .tlsPrivateKey(pem.privateKey());
    }

    private Socket connect(Transport transport, InetAddress from) throws IOException {
        InetSocketAddress to = listener(transport);
        return keep(new Socket(to.getAddress(), to.getPort(), from, 0));
    }

    /** Fails unless the server closes {@code socket} within {@code timeoutMs}. */
    private static void assertClosedByServer(Socket socket, long timeoutMs) throws IOException {
        socket.setSoTimeout((int) timeoutMs);
        try {
            int read = socket.getInputStream().read();
            assertEquals(-1, read, "the server sent something instead of closing");
        } catch (SocketTimeoutException e) {
            fail("the server left the connection open for " + timeoutMs + " ms");
        } catch (SocketException reset) {
            // closed with a reset: closed all the same
        }
    }

    /** Accepts happen on the server's loops in their own time; counting them first keeps the order of the test. */
    private void awaitConnections(int open) throws InterruptedException {
        await(() -> server.metrics().connections() == open, open + " open connections");
    }

    private static void assertOpen(Socket socket, long forMs) throws IOException {
        socket.setSoTimeout((int) forMs);
        try {
            int read = socket.getInputStream().read();
            fail("the server closed the connection (read " + read + ")");
        } catch (SocketTimeoutException expected) {
            // still open
        }
    }

    @Test
    void aConnectionThatNeverAllocatesIsClosed() throws Exception {
        start(withStreams().unallocatedConnectionTimeout(SHORT));
        Socket idle = connect(Transport.TCP, CLIENT_IP);
        awaitConnections(1);
        assertClosedByServer(idle, SHORT.toMillis() + TestClient.TIMEOUT_MS);
        assertEquals(1, server.metrics().connectionsClosed(ConnectionCloseReason.NO_ALLOCATION));
        awaitConnections(0);
    }

    @Test
    void anAllocationKeepsItsConnectionAndItsEndRestartsTheClock() throws Exception {
        start(withStreams().unallocatedConnectionTimeout(SHORT));
        TestClient client = keep(TestClient.tcp(listener(Transport.TCP))).credentials(USER, PASSWORD);
        client.allocate();
        Thread.sleep(SHORT.toMillis() * 2);
        assertEquals(StunClass.SUCCESS_RESPONSE, client.refresh(600).messageClass(), "still connected");
        assertEquals(0, server.metrics().connectionsClosed(ConnectionCloseReason.NO_ALLOCATION));

        assertEquals(StunClass.SUCCESS_RESPONSE, client.refresh(0).messageClass());
        assertEquals(1, server.metrics().allocationsDeleted(DeletionReason.REFRESH_0));
        await(() -> server.metrics().connectionsClosed(ConnectionCloseReason.NO_ALLOCATION) == 1,
                "the connection without its allocation to be closed");
    }

    @Test
    void aTlsHandshakeThatNeverHappensIsCutShort() throws Exception {
        start(withStreams().tlsHandshakeTimeout(Duration.ofMillis(300)));
        Socket silent = connect(Transport.TLS, CLIENT_IP);
        // Well before the 60 s allocation deadline: only the handshake timeout can close it this soon.
        assertClosedByServer(silent, 300 + TestClient.TIMEOUT_MS);
        await(() -> server.metrics().connectionsClosed(ConnectionCloseReason.TLS_HANDSHAKE_TIMEOUT) == 1,
                "the handshake timeout to be counted");
    }

    @Test
    void aFailedTlsHandshakeIsCounted() throws Exception {
        start(withStreams());
        Socket plain = connect(Transport.TLS, CLIENT_IP);
        plain.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes());
        assertClosedByServer(plain, TestClient.TIMEOUT_MS);
        await(() -> server.metrics().connectionsClosed(ConnectionCloseReason.TLS_HANDSHAKE_FAILED) == 1,
                "the failed handshake to be counted");
    }

    @Test
    void oneSourceGetsOnlyItsShareOfConnections() throws Exception {
        start(withStreams().maxConnectionsPerIp(2));
        Socket first = connect(Transport.TCP, CLIENT_IP);
        Socket second = connect(Transport.TLS, CLIENT_IP);
        awaitConnections(2);
        Socket third = connect(Transport.TCP, CLIENT_IP);
        assertClosedByServer(third, TestClient.TIMEOUT_MS);
        assertEquals(1, server.metrics().connectionsClosed(ConnectionCloseReason.PER_IP_LIMIT));
        assertOpen(first, 200);
        assertOpen(second, 200);
        assertOpen(connect(Transport.TCP, OTHER_CLIENT_IP), 200);

        first.close();
        awaitConnections(2);
        TestClient again = keep(TestClient.tcp(listener(Transport.TCP))).credentials(USER, PASSWORD);
        again.allocate();
    }

    @Test
    void theServerHoldsAtMostItsTotalOfConnections() throws Exception {
        start(withStreams().maxConnections(2));
        Socket first = connect(Transport.TCP, CLIENT_IP);
        connect(Transport.TCP, OTHER_CLIENT_IP);
        awaitConnections(2);
        Socket third = connect(Transport.TLS, address("127.0.0.4"));
        assertClosedByServer(third, TestClient.TIMEOUT_MS);
        assertEquals(1, server.metrics().connectionsClosed(ConnectionCloseReason.TOTAL_LIMIT));
        assertOpen(first, 200);
        assertTrue(server.metrics().toPrometheusText()
                .contains("punchline_turn_stream_connections_closed_total{reason=\"total-limit\"} 1"));
    }
}
