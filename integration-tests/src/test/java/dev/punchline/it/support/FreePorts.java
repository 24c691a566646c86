package dev.punchline.it.support;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports on 127.0.0.1 that are free for both UDP and TCP. They come from below the kernel's
 * ephemeral range, so an unrelated socket's automatic port cannot take one between the check
 * and the test's bind, and no port is handed out twice in one JVM.
 */
public final class FreePorts {

    private static final int LOWEST = 10_000;
    /** Used when the ephemeral range cannot be read (not Linux); Linux's default lower bound. */
    private static final int DEFAULT_EPHEMERAL_LOW = 32_768;
    private static final int ATTEMPTS = 1_000;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePorts() {
    }

    /** One port free for UDP and TCP. */
    public static int udpAndTcp() {
        return range(1).min();
    }

    /** {@code count} consecutive ports, each free for UDP and TCP (a relay port range, for example). */
    public static synchronized PortRange range(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive, got " + count);
        }
        int highest = ephemeralLow() - count;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(LOWEST, highest);
            if (allFree(first, count)) {
                for (int port = first; port < first + count; port++) {
                    HANDED_OUT.add(port);
                }
                return new PortRange(first, first + count - 1);
            }
        }
        throw new AssertionError("no " + count + " consecutive free ports on 127.0.0.1 after " + ATTEMPTS + " attempts");
    }

    /** An inclusive range of ports. */
    public record PortRange(int min, int max) {
    }

    private static boolean allFree(int first, int count) {
        for (int port = first; port < first + count; port++) {
            if (HANDED_OUT.contains(port) || !free(port)) {
                return false;
            }
        }
        return true;
    }

    private static boolean free(int port) {
        InetSocketAddress address = new InetSocketAddress(LOOPBACK, port);
        try (ServerSocket tcp = new ServerSocket(); DatagramSocket udp = new DatagramSocket(null)) {
            tcp.bind(address);
            udp.bind(address);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int ephemeralLow() {
        try {
            // readString trusts the size /proc reports, which is wrong; read line-wise instead.
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_LOW;
        }
    }
}
