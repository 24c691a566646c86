package dev.punchline.it.lab;

import dev.punchline.it.support.ItTimings;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * UDP hole punching with plain sockets: both sides send to the other's address at the same time, every
 * {@link ItTimings#PUNCH_INTERVAL}, until each has heard the other (from exactly the address it sends to) or the
 * time is up. What ICE's connectivity checks do, without ICE.
 */
final class Punch {

    private static final byte[] PUNCH = "punch".getBytes(StandardCharsets.US_ASCII);

    private Punch() {
    }

    /** Whether {@code a} (sending to {@code aTarget}) and {@code b} (to {@code bTarget}) both got through. */
    static boolean succeeds(DatagramSocket a, InetSocketAddress aTarget, DatagramSocket b, InetSocketAddress bTarget,
            Duration timeout) {
        AtomicBoolean aHeard = new AtomicBoolean();
        AtomicBoolean bHeard = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(1);
        long deadline = System.nanoTime() + timeout.toNanos();
        // Own threads, not the common pool: it may have a single thread on a 2-core machine, which would run one
        // side after the other instead of at the same time.
        Thread aSide = new Thread(() -> side(a, aTarget, aHeard, bHeard, start, deadline), "punch-a");
        Thread bSide = new Thread(() -> side(b, bTarget, bHeard, aHeard, start, deadline), "punch-b");
        aSide.start();
        bSide.start();
        start.countDown();
        try {
            aSide.join();
            bSide.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return aHeard.get() && bHeard.get();
    }

    /** Sends until both sides heard each other, listening in between; stops at the deadline either way. */
    private static void side(DatagramSocket socket, InetSocketAddress target, AtomicBoolean heard,
            AtomicBoolean otherHeard, CountDownLatch start, long deadline) {
        byte[] buffer = new byte[64];
        try {
            start.await();
            socket.setSoTimeout((int) ItTimings.PUNCH_INTERVAL.toMillis());
            while (!(heard.get() && otherHeard.get()) && System.nanoTime() - deadline < 0) {
                socket.send(new DatagramPacket(PUNCH, PUNCH.length, target));
                try {
                    DatagramPacket received = new DatagramPacket(buffer, buffer.length);
                    socket.receive(received);
                    if (received.getSocketAddress().equals(target)) {
                        heard.set(true);
                    }
                } catch (SocketTimeoutException quiet) {
                    // Nothing this interval: send again.
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("punching from " + socket.getLocalSocketAddress() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
