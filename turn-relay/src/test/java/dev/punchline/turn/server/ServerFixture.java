package dev.punchline.turn.server;

import org.junit.jupiter.api.AfterEach;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Starts servers on loopback and closes them, and every socket a test opened, after each test. Clients and peers sit
 * on 127.0.0.1, the relay on 127.0.0.2 (Linux answers on all of 127/8), so that 127.0.0.1 is a plain loopback peer
 * that the default policy refuses, and not one of the server's own relay addresses.
 */
abstract class ServerFixture {

    static final String USER = "alice";
    static final String PASSWORD = "wonderland";
    static final InetAddress CLIENT_IP = InetAddress.getLoopbackAddress();
    static final InetAddress RELAY_IP = address("127.0.0.2");

    private final List<AutoCloseable> resources = new ArrayList<>();
    TurnServer server;

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** UDP on 127.0.0.1 (ephemeral port), relay on 127.0.0.2, one user, the default peer policy. */
    static TurnServerConfig.Builder strictConfig() {
        return TurnServerConfig.builder()
                .listen(ListenAddress.udp(new InetSocketAddress(CLIENT_IP, 0)))
                .relayIp(RELAY_IP)
                .user(USER, PASSWORD)
                .eventLoopThreads(2);
    }

    /** {@link #strictConfig()} with loopback peers allowed, as most tests' peers are loopback sockets. */
    static TurnServerConfig.Builder config() {
        return strictConfig().allowPeer("127.0.0.0/8");
    }

    TurnServer start(TurnServerConfig.Builder config) throws IOException {
        server = TurnServer.start(config.build());
        return server;
    }

    InetSocketAddress listener(Transport transport) {
        return server.listeners().stream().filter(l -> l.transport() == transport).findFirst().orElseThrow().address();
    }

    TestClient udpClient() throws IOException {
        return keep(TestClient.udp(listener(Transport.UDP))).credentials(USER, PASSWORD);
    }

    DatagramSocket peer() throws IOException {
        DatagramSocket socket = keep(new DatagramSocket(new InetSocketAddress(CLIENT_IP, 0)));
        socket.setSoTimeout(TestClient.TIMEOUT_MS);
        return socket;
    }

    static InetSocketAddress addressOf(DatagramSocket socket) {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** The next datagram's bytes and sender, or null after {@code timeoutMs}. */
    static DatagramPacket receive(DatagramSocket socket, int timeoutMs) throws IOException {
        socket.setSoTimeout(timeoutMs);
        byte[] buffer = new byte[65536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        packet.setData(Arrays.copyOf(buffer, packet.getLength()));
        return packet;
    }

    /** Fails unless {@code payload} arrives on {@code socket} in time; returns it, sender included. */
    static DatagramPacket expectDatagram(DatagramSocket socket, byte[] payload) throws IOException {
        DatagramPacket received = receive(socket, TestClient.TIMEOUT_MS);
        assertNotNull(received, "nothing arrived");
        assertArrayEquals(payload, received.getData());
        return received;
    }

    static void sendTo(DatagramSocket from, InetSocketAddress to, byte[] payload) throws IOException {
        from.send(new DatagramPacket(payload, payload.length, to));
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TestClient.TIMEOUT_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
