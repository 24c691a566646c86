package dev.punchline.bench.server;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A block of consecutive UDP ports free on 127.0.0.1, below the kernel's ephemeral range so that no socket bound to
 * port 0 (the generator's) can take one of them meanwhile: the first for a relay's listener, the rest its relay range.
 */
public record PortBlock(int first, int last) {

    private static final int LOWEST = 10_000;
    private static final int ATTEMPTS = 200;

    public static PortBlock find(int size) {
        int ceiling = ephemeralLow() - size;
        if (ceiling <= LOWEST) {
            throw new IllegalArgumentException("no room for " + size + " ports below the ephemeral range");
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(LOWEST, ceiling);
            if (allFree(first, size)) {
                return new PortBlock(first, first + size - 1);
            }
        }
        throw new IllegalStateException("no " + size + " consecutive free UDP ports on 127.0.0.1");
    }

    private static boolean allFree(int first, int size) {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int port = first; port < first + size; port++) {
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(loopback, port))) {
                probe.getLocalPort();
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }

    private static int ephemeralLow() {
        try {
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }
}
