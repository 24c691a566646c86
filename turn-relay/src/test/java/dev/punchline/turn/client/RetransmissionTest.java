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

    /**
     * Measured where the server receives, so each time carries the receiving thread's jitter too: checked
     * from the first transmission (50, 150, 350 ... 3150 ms), loosely, because a loaded machine (other
     * builds on these 2 cores) can hold a timer or a thread back by a good part of a 50 ms RTO.
     */
    @Test
    void overUdpARequestIsSentSevenTimesWithDoublingGaps() throws Exception {
        try (ScriptedTurnServer silent = ScriptedTurnServer.silent();
             TurnClient client = TurnClient.create(silent.clientConfig()
                     .retransmission(RetransmissionPolicy.withInitialRto(Duration.ofMillis(50))).build())) {
            long start = System.nanoTime();

            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> client.allocate().get(10, TimeUnit.SECONDS));

            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertInstanceOf(TurnTimeoutException.class, failure.getCause());
            assertTrue(failure.getCause().getMessage().contains("7 transmissions"), failure.getCause().getMessage());
            List<ScriptedTurnServer.Request> sent = silent.requests();
            assertEquals(7, sent.size());
            long expected = 0;
            for (int i = 1; i < sent.size(); i++) {
                expected += 50L << (i - 1);
                long at = TimeUnit.NANOSECONDS.toMillis(sent.get(i).nanos() - sent.get(0).nanos());
                assertTrue(at >= expected - 30 && at < expected + 400,
                        "transmission " + (i + 1) + " after " + at + " ms, not " + expected);
            }
            assertTrue(tookMillis >= 79 * 50 - 5 && tookMillis < 79 * 50 + 1_000, "gave up after " + tookMillis + " ms");
        }
    }

    @Test
    void overTcpARequestIsSentOnceAndGivenUpOnAfterTheTimeout() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, TestAddresses.LOOPBACK)) {
            AtomicInteger bytes = new AtomicInteger();
            Thread reader = new Thread(() -> drain(listener, bytes), "silent-tcp-server");
            reader.setDaemon(true);
            reader.start();
            TurnClientConfig config = TurnClientConfig
                    .builder(new InetSocketAddress(TestAddresses.LOOPBACK, listener.getLocalPort()))
                    .protocol(TransportProtocol.TCP)
                    .credentials("bob", "builder")
                    .retransmission(RetransmissionPolicy.withInitialRto(Duration.ofMillis(10)))
                    .build();
            try (TurnClient client = TurnClient.create(config)) {
                long start = System.nanoTime();

                ExecutionException failure = assertThrows(ExecutionException.class,
                        () -> client.allocate().get(10, TimeUnit.SECONDS));

                long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertInstanceOf(TurnTimeoutException.class, failure.getCause());
                assertTrue(failure.getCause().getMessage().contains("1 transmission "),
                        failure.getCause().getMessage());
                assertTrue(tookMillis >= 790 && tookMillis < 1_500, "gave up after " + tookMillis + " ms");
                int requestLength = bytes.get();
                assertTrue(requestLength > 20 && requestLength < 200, requestLength + " bytes: one request");
            }
        }
    }

    private static void drain(ServerSocket listener, AtomicInteger bytes) {
        try (Socket connection = listener.accept(); InputStream in = connection.getInputStream()) {
            byte[] buffer = new byte[4096];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                bytes.addAndGet(n);
            }
        } catch (IOException closed) {
            // the test is over
        }
    }
}
