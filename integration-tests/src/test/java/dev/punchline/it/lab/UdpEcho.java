package dev.punchline.it.lab;

import dev.punchline.tun.lab.LabThreadPriority;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP echo on a lab host's socket, answering every datagram to its sender, and counting what it got. Ends when
 * its socket is closed (the lab closes it at teardown). Its thread runs at {@link LabThreadPriority#PROBE}, so a
 * loaded machine delays its answers by microseconds rather than by a scheduler's slices.
 */
final class UdpEcho {

    private final DatagramSocket socket;
    private final boolean answering;
    private final AtomicLong received = new AtomicLong();

    private UdpEcho(DatagramSocket socket, boolean answering) {
        this.socket = socket;
        this.answering = answering;
    }

    /** Starts echoing on {@code socket}, already opened on its host. */
    static UdpEcho on(DatagramSocket socket) {
        return start(new UdpEcho(socket, true));
    }

    /** Only counts, answering nothing: a receiver that keeps up with a flood and adds no traffic of its own. */
    static UdpEcho countingOnly(DatagramSocket socket) {
        return start(new UdpEcho(socket, false));
    }

    private static UdpEcho start(UdpEcho echo) {
        DatagramSocket socket = echo.socket;
        Thread thread = new Thread(echo::run, "udp-echo-" + socket.getLocalPort());
        thread.setDaemon(true);
        thread.start();
        return echo;
    }

    /** How many datagrams it has received so far. */
    long received() {
        return received.get();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void run() {
        LabThreadPriority.PROBE.raiseCurrentThread();
        byte[] buffer = new byte[2048];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                received.incrementAndGet();
                if (answering) {
                    socket.send(new DatagramPacket(packet.getData(), packet.getLength(), packet.getSocketAddress()));
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Whether a datagram from {@code socket} to {@code echo} comes back within {@code timeoutMillis}. */
    static boolean answers(DatagramSocket socket, InetSocketAddress echo, int timeoutMillis) throws IOException {
        byte[] probe = {42};
        socket.setSoTimeout(timeoutMillis);
        socket.send(new DatagramPacket(probe, probe.length, echo));
        byte[] buffer = new byte[16];
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        try {
            while (System.nanoTime() - deadline < 0) {
                DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                socket.receive(reply);
                if (reply.getSocketAddress().equals(echo)) {
                    return true;
                }
            }
        } catch (SocketTimeoutException silence) {
            return false;
        }
        return false;
    }
}
