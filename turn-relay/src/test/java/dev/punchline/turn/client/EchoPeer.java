package dev.punchline.turn.client;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;

/** A UDP peer on loopback that sends every datagram back to where it came from. */
public final class EchoPeer implements AutoCloseable {
    private final DatagramSocket socket;
    private final Thread thread;

    private EchoPeer(InetAddress ip) throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(ip, 0));
        thread = DatagramLoop.start(socket, "echo-peer-" + socket.getLocalPort(), socket::send);
    }

    public static EchoPeer on(InetAddress ip) throws SocketException {
        return new EchoPeer(ip);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(2_000);
    }
}
