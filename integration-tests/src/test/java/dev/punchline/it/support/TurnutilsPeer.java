package dev.punchline.it.support;

import dev.punchline.tun.process.ExternalProcess;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * coturn's echo peer, {@code turnutils_peer}: sends every datagram back to where it came from. It listens on a port
 * and on the port above it, on every given address, because turnutils_uclient's RTCP sessions send to the peer's
 * port + 1.
 */
public final class TurnutilsPeer extends ExternalProgram {

    private static final byte[] PROBE = "punchline echo probe".getBytes(StandardCharsets.US_ASCII);

    private final int port;

    private TurnutilsPeer(ExternalProcess process, int port) {
        super(process);
        this.port = port;
    }

    /**
     * Starts the peer on {@code addresses} (literal IPs; the first must be IPv4 loopback or reachable from it) and
     * returns once it echoes. Skips the test (fails it under CI=true) when turnutils_peer is not installed.
     */
    public static TurnutilsPeer start(String... addresses) {
        Requirements.requireCommand("turnutils_peer");
        int port = FreePorts.range(2).min();
        List<String> command = new ArrayList<>(List.of("turnutils_peer", "-p", String.valueOf(port)));
        for (String address : addresses) {
            command.addAll(List.of("-L", address));
        }
        ExternalProcess process = ExternalProcess.start("turnutils-peer", command);
        InetSocketAddress first = new InetSocketAddress(addresses[0], port);
        if (!echoes(first, process)) {
            var failure = process.failure("did not echo on " + first);
            process.stop();
            throw failure;
        }
        return new TurnutilsPeer(process, port);
    }

    /** The port it echoes on (and the one above it), on every address it was started with. */
    public int port() {
        return port;
    }

    /** One probe every {@link ItTimings#PROBE_INTERVAL} until it comes back, the peer dies or start-up time is up. */
    private static boolean echoes(InetSocketAddress peer, ExternalProcess process) {
        long deadline = System.nanoTime() + ItTimings.COTURN_START.toNanos();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout((int) ItTimings.PROBE_INTERVAL.toMillis());
            byte[] received = new byte[PROBE.length + 1];
            while (System.nanoTime() < deadline && process.isAlive()) {
                socket.send(new DatagramPacket(PROBE, PROBE.length, peer));
                try {
                    DatagramPacket echo = new DatagramPacket(received, received.length);
                    socket.receive(echo);
                    if (Arrays.equals(PROBE, 0, PROBE.length, echo.getData(), 0, echo.getLength())) {
                        return true;
                    }
                } catch (SocketTimeoutException silence) {
                    // Not listening yet: send again.
                }
            }
            return false;
        } catch (IOException e) {
            throw new AssertionError("echo probe of " + peer + " failed: " + e.getMessage(), e);
        }
    }
}
