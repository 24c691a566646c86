package dev.punchline.turn.client;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;

/** A daemon thread that hands every datagram a socket receives to a handler, until the socket closes. */
final class DatagramLoop {

    @FunctionalInterface
    interface Handler {
        /** {@code packet}'s buffer is reused for the next datagram. */
        void handle(DatagramPacket packet) throws IOException;
    }

    private DatagramLoop() {
    }

    static Thread start(DatagramSocket socket, String name, Handler handler) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[65_536];
            while (!socket.isClosed()) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                    handler.handle(packet);
                } catch (IOException e) {
                    if (socket.isClosed()) {
                        return;
                    }
                }
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
