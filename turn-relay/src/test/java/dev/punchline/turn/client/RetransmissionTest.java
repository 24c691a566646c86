package dev.punchline.turn.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** RFC 8489 §6.2: how often and how long a request is tried against a server that never answers. */
class RetransmissionTest {

    @Test
    void theRfcScheduleDoublesFromHalfASecondAndGivesUpAfter39AndAHalfSeconds() {
        RetransmissionPolicy rfc = RetransmissionPolicy.rfc8489();
        List<Long> waits = List.of(1, 2, 3, 4, 5, 6, 7).stream().map(n -> rfc.waitAfter(n).toMillis()).toList();

        assertEquals(List.of(500L, 1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 8_000L), waits);
        assertEquals(39_500L, waits.stream().mapToLong(Long::longValue).sum());
        assertEquals(Duration.ofMillis(39_500), rfc.streamTimeout());
        assertEquals(Duration.ofMillis(1_580),
                RetransmissionPolicy.withInitialRto(Duration.ofMillis(20)).streamTimeout(), "79 initial RTOs");
    }

    /** Long enough that a receiving thread stamped a few tens of ms late cannot make a gap look halved. */
    private static final long RTO_MILLIS = 100;

    /**
     * Measured where the server receives, so each time carries the receiving thread's jitter too. The
     * first datagram of a fresh JVM can be stamped late (class loading, JIT), so times are checked from the
     * second transmission (200, 600, 1400, 3000, 6200 ms after it). The second one can be stamped late
     * too, which makes the next gaps look short: the exact schedule is {@link RetransmissionPolicy}'s unit
     * test above; here each time must be at least three quarters of its nominal value, and lateness is
     * allowed generously, as other builds on these 2 cores can hold a thread back for a long while.
     */
    @Test
    void overUdpARequestIsSentSevenTimesWithDoublingGaps() throws Exception {
        try (ScriptedTurnServer silent = ScriptedTurnServer.silent();
             TurnClient client = TurnClient.create(silent.clientConfig()
                     .retransmission(RetransmissionPolicy.withInitialRto(Duration.ofMillis(RTO_MILLIS))).build())) {
            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> client.allocate().get(10, TimeUnit.SECONDS));

            long failedAt = System.nanoTime();
            assertInstanceOf(TurnTimeoutException.class, failure.getCause());
            assertTrue(failure.getCause().getMessage().contains("7 transmissions"), failure.getCause().getMessage());
            List<ScriptedTurnServer.Request> sent = silent.requests();
            assertEquals(7, sent.size());
            long first = TimeUnit.NANOSECONDS.toMillis(sent.get(1).nanos() - sent.get(0).nanos());
            assertTrue(first < RTO_MILLIS + 1_000, "second transmission " + first + " ms after the first, not " + RTO_MILLIS);
            long expected = 0;
            for (int i = 2; i < sent.size(); i++) {
                expected += RTO_MILLIS << (i - 1);
                long at = TimeUnit.NANOSECONDS.toMillis(sent.get(i).nanos() - sent.get(1).nanos());
                assertTrue(at >= expected * 3 / 4 && at < expected + 1_000,
                        "transmission " + (i + 1) + " " + at + " ms after the second, not " + expected);
            }
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(failedAt - sent.get(0).nanos());
            assertTrue(tookMillis >= 79 * RTO_MILLIS - 30 && tookMillis < 79 * RTO_MILLIS + 1_500,
                    "gave up " + tookMillis + " ms after the first transmission, not " + 79 * RTO_MILLIS);
        }
    }

    @Test
    void overTcpARequestIsSentOnceAndGivenUpOnAfterTheTimeout() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, TestAddresses.LOOPBACK)) {
            AtomicInteger bytes = new AtomicInteger();
            AtomicLong firstByte = new AtomicLong();
            Thread reader = new Thread(() -> drain(listener, bytes, firstByte), "silent-tcp-server");
            reader.setDaemon(true);
            reader.start();
            TurnClientConfig config = TurnClientConfig
                    .builder(new InetSocketAddress(TestAddresses.LOOPBACK, listener.getLocalPort()))
                    .protocol(TransportProtocol.TCP)
                    .credentials("bob", "builder")
                    .retransmission(RetransmissionPolicy.withInitialRto(Duration.ofMillis(10)))
                    .build();
            try (TurnClient client = TurnClient.create(config)) {
                ExecutionException failure = assertThrows(ExecutionException.class,
                        () -> client.allocate().get(10, TimeUnit.SECONDS));

                long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - firstByte.get());
                assertInstanceOf(TurnTimeoutException.class, failure.getCause());
                assertTrue(failure.getCause().getMessage().contains("1 transmission "),
                        failure.getCause().getMessage());
                assertTrue(tookMillis >= 760 && tookMillis < 2_000, "gave up " + tookMillis + " ms after sending");
                int requestLength = bytes.get();
                assertTrue(requestLength > 20 && requestLength < 200, requestLength + " bytes: one request");
            }
        }
    }

    private static void drain(ServerSocket listener, AtomicInteger bytes, AtomicLong firstByte) {
        try (Socket connection = listener.accept(); InputStream in = connection.getInputStream()) {
            byte[] buffer = new byte[4096];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                firstByte.compareAndSet(0, System.nanoTime());
                bytes.addAndGet(n);
            }
        } catch (IOException closed) {
            // the test is over
        }
    }
}
