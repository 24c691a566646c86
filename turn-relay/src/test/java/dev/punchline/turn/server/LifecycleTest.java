package dev.punchline.turn.server;

import dev.punchline.turn.wire.RequestedTransport;
import dev.punchline.turn.wire.StunMethod;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** start() binds everything or nothing; close() gives back every thread and socket. */
class LifecycleTest extends ServerFixture {

    private static Set<String> threads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(t -> t.getName() + "#" + t.getId())
                .collect(Collectors.toSet());
    }

    private static void awaitThreads(Set<String> baseline) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (!threads().equals(baseline) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        Set<String> extra = threads();
        extra.removeAll(baseline);
        assertEquals(Set.of(), extra, "threads left behind");
    }

    private static TurnServerConfig.Builder everything(int relayPort) {
        return config()
                .listen(Transport.TCP, new InetSocketAddress(CLIENT_IP, 0))
                .metrics(new InetSocketAddress(CLIENT_IP, 0))
                .portRange(relayPort, relayPort + 1);
    }

    @Test
    void closeReleasesEveryThreadAndSocket() throws Exception {
        int relayPort = AllocationTest.freeUdpPort() & ~1;
        // Warm up once: class loading and Netty's lazily started helpers belong to the baseline, not to a server.
        try (TurnServer warm = TurnServer.start(everything(relayPort).build())) {
            TestClient.udp(warm.boundAddresses().get(0)).close();
        }
        Set<String> baseline = threads();

        start(everything(relayPort));
        List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            TestClient client = TestClient.udp(listener(Transport.UDP)).credentials(USER, PASSWORD);
            clients.add(client);
            client.allocate();
        }
        TestClient tcp = TestClient.tcp(listener(Transport.TCP)).credentials(USER, PASSWORD);
        assertEquals(508, TestClient.errorCode(tcp.authed(StunMethod.ALLOCATE, new RequestedTransport(17))),
                "both relay ports in use");
        InetSocketAddress udp = listener(Transport.UDP);
        InetSocketAddress tcpAddress = listener(Transport.TCP);
        InetSocketAddress metrics = server.metricsAddress().orElseThrow();
        assertTrue(threads().size() > baseline.size());

        server.close();
        tcp.close();
        for (TestClient client : clients) {
            client.close();
        }
        awaitThreads(baseline);
        assertEquals(0, server.metrics().allocations());
        try (DatagramSocket a = new DatagramSocket(udp);
             DatagramSocket b = new DatagramSocket(new InetSocketAddress(RELAY_IP, relayPort));
             DatagramSocket c = new DatagramSocket(new InetSocketAddress(RELAY_IP, relayPort + 1));
             ServerSocket d = bindTcp(tcpAddress);
             ServerSocket e = bindTcp(metrics)) {
            assertTrue(a.isBound() && b.isBound() && c.isBound() && d.isBound() && e.isBound());
        }
    }

    private static ServerSocket bindTcp(InetSocketAddress address) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(address);
        return socket;
    }

    @Test
    void aPortInUseFailsStartWithAClearMessageAndLeavesNothingBehind() throws Exception {
        try (TurnServer warm = TurnServer.start(config().build())) {
            assertEquals(1, warm.boundAddresses().size());
        }
        Set<String> baseline = threads();
        try (DatagramSocket squatter = new DatagramSocket(new InetSocketAddress(CLIENT_IP, 0));
             ServerSocket tcpSquatter = bindTcp(new InetSocketAddress(CLIENT_IP, 0))) {
            int port = squatter.getLocalPort();
            IOException udpBusy = assertThrows(IOException.class, () -> TurnServer.start(TurnServerConfig.builder()
                    .user(USER, PASSWORD).listen(ListenAddress.udp(new InetSocketAddress(CLIENT_IP, port))).build()));
            assertTrue(udpBusy.getMessage().startsWith("cannot listen on udp:127.0.0.1:" + port + ": "),
                    udpBusy.getMessage());
            assertTrue(udpBusy.getMessage().toLowerCase().contains("in use"), udpBusy.getMessage());

            int tcpPort = tcpSquatter.getLocalPort();
            IOException tcpBusy = assertThrows(IOException.class, () -> TurnServer.start(config()
                    .listen(Transport.TCP, new InetSocketAddress(CLIENT_IP, tcpPort)).build()));
            assertTrue(tcpBusy.getMessage().startsWith("cannot listen on tcp:127.0.0.1:" + tcpPort + ": "),
                    tcpBusy.getMessage());
        }
        awaitThreads(baseline);
    }

    @Test
    void closeIsIdempotentAndEndsTcpClients() throws Exception {
        start(config().listen(Transport.TCP, new InetSocketAddress(CLIENT_IP, 0)));
        TestClient tcp = keep(TestClient.tcp(listener(Transport.TCP))).credentials(USER, PASSWORD);
        tcp.allocate();
        server.close();
        server.close();
        Socket probe = new Socket();
        assertThrows(IOException.class, () -> probe.connect(listener(Transport.TCP), 500));
        probe.close();
    }
}
