package dev.punchline.turn.server;

import dev.punchline.turn.wire.RequestedTransport;
import dev.punchline.turn.wire.StunMethod;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsEndpointTest extends ServerFixture {

    private HttpURLConnection get(String path) throws Exception {
        InetSocketAddress at = server.metricsAddress().orElseThrow();
        HttpURLConnection http = (HttpURLConnection) URI.create("http://127.0.0.1:" + at.getPort() + path).toURL()
                .openConnection();
        http.setConnectTimeout(TestClient.TIMEOUT_MS);
        http.setReadTimeout(TestClient.TIMEOUT_MS);
        return http;
    }

    @Test
    void prometheusTextReflectsTheRelay() throws Exception {
        start(config().metrics(new InetSocketAddress(CLIENT_IP, 0)));
        TestClient client = udpClient();
        InetSocketAddress relayed = client.allocate();
        DatagramSocket peer = peer();
        client.bind(0x4000, addressOf(peer));
        client.sendChannelData(0x4000, new byte[100]);
        assertNotNull(receive(peer, TestClient.TIMEOUT_MS));
        sendTo(peer, relayed, new byte[50]);
        assertNotNull(client.receiveData(TestClient.TIMEOUT_MS));
        udpClient().credentials(USER, "not-" + PASSWORD).authed(StunMethod.ALLOCATE, new RequestedTransport(17));

        HttpURLConnection http = get("/metrics");
        assertEquals(200, http.getResponseCode());
        assertTrue(http.getContentType().startsWith("text/plain; version=0.0.4"), http.getContentType());
        String body = new String(http.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(body.contains("# TYPE punchline_turn_allocations gauge\npunchline_turn_allocations 1\n"), body);
        assertTrue(body.contains("punchline_turn_permissions 1\n"), body);
        assertTrue(body.contains("punchline_turn_channels 1\n"), body);
        assertTrue(body.contains("punchline_turn_relayed_packets_total{direction=\"to-peer\"} 1\n"), body);
        assertTrue(body.contains("punchline_turn_relayed_bytes_total{direction=\"to-peer\"} 100\n"), body);
        assertTrue(body.contains("punchline_turn_relayed_bytes_total{direction=\"to-client\"} 50\n"), body);
        assertTrue(body.contains("punchline_turn_auth_failures_total 1\n"), body);
        assertTrue(body.contains("punchline_turn_dropped_packets_total{reason=\"no-permission\"} 0\n"), body);
        assertTrue(!body.contains(PASSWORD), "no secrets");
    }

    @Test
    void anIdleScrapeConnectionIsClosed() throws Exception {
        start(config().metrics(new InetSocketAddress(CLIENT_IP, 0)).unallocatedConnectionTimeout(Duration.ofMillis(500)));
        try (Socket idle = new Socket(CLIENT_IP, server.metricsAddress().orElseThrow().getPort())) {
            idle.setSoTimeout(TestClient.TIMEOUT_MS);
            assertEquals(-1, idle.getInputStream().read(), "closed without a word");
        }
    }

    @Test
    void otherPathsAre404() throws Exception {
        start(config().metrics(new InetSocketAddress(CLIENT_IP, 0)));
        assertEquals(404, get("/").getResponseCode());
        assertEquals(200, get("/metrics?name=x").getResponseCode());
    }
}
