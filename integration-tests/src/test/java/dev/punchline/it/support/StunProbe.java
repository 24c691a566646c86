package dev.punchline.it.support;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * Tells whether a STUN server answers on UDP, by sending bare Binding requests built by hand.
 * Deliberately independent of Punchline's codec: the harness must not trust the code under test
 * to decide whether a reference server is up.
 */
public final class StunProbe {

    private static final int HEADER_LENGTH = 20;
    private static final short BINDING_REQUEST = 0x0001;
    private static final short BINDING_SUCCESS = 0x0101;
    private static final int MAGIC_COOKIE = 0x2112A442;

    private StunProbe() {
    }

    /**
     * Sends a Binding request every {@link ItTimings#PROBE_INTERVAL} until a success response with
     * the same transaction id arrives (true), {@code timeout} passes or {@code keepTrying} turns
     * false (false) — the latter lets a caller stop as soon as the server process has died.
     */
    public static boolean answers(InetSocketAddress server, Duration timeout, BooleanSupplier keepTrying) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout((int) ItTimings.PROBE_INTERVAL.toMillis());
            byte[] transactionId = new byte[12];
            ThreadLocalRandom.current().nextBytes(transactionId);
            byte[] request = ByteBuffer.allocate(HEADER_LENGTH)
                    .putShort(BINDING_REQUEST).putShort((short) 0).putInt(MAGIC_COOKIE).put(transactionId)
                    .array();
            byte[] received = new byte[1500];
            while (System.nanoTime() < deadline && keepTrying.getAsBoolean()) {
                socket.send(new DatagramPacket(request, request.length, server));
                try {
                    DatagramPacket response = new DatagramPacket(received, received.length);
                    socket.receive(response);
                    if (isSuccessFor(transactionId, response)) {
                        return true;
                    }
                } catch (SocketTimeoutException silence) {
                    // Not listening yet: send again.
                }
            }
            return false;
        } catch (IOException e) {
            throw new AssertionError("STUN probe of " + server + " failed: " + e.getMessage(), e);
        }
    }

    private static boolean isSuccessFor(byte[] transactionId, DatagramPacket response) {
        if (response.getLength() < HEADER_LENGTH) {
            return false;
        }
        ByteBuffer header = ByteBuffer.wrap(response.getData(), response.getOffset(), HEADER_LENGTH);
        byte[] echoed = new byte[12];
        boolean binding = header.getShort() == BINDING_SUCCESS;
        header.getShort();
        boolean cookie = header.getInt() == MAGIC_COOKIE;
        header.get(echoed);
        return binding && cookie && Arrays.equals(echoed, transactionId);
    }
}
