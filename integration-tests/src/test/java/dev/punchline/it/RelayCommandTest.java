package dev.punchline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.punchline.cli.Punchline;
import dev.punchline.it.support.FreePorts;
import dev.punchline.it.support.StunProbe;
import dev.punchline.turn.wire.AttributeType;
import dev.punchline.turn.wire.Integrity;
import dev.punchline.turn.wire.StunClass;
import dev.punchline.turn.wire.StunMessage;
import dev.punchline.turn.wire.StunMethod;
import dev.punchline.turn.wire.TransactionId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code punchline relay} run in this JVM: it answers STUN, and an interrupt stops it cleanly. */
class RelayCommandTest {

    private static final Duration START = Duration.ofSeconds(10);

    @Test
    void theRelayAnswersABindingWithTheClientsAddressAndStopsCleanly() throws Exception {
        int port = FreePorts.udpAndTcp();
        FreePorts.PortRange relayPorts = FreePorts.range(10);
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        Thread[] runner = new Thread[1];
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> {
            runner[0] = Thread.currentThread();
            return Punchline.commandLine().execute("relay", "--listen", "127.0.0.1:" + port,
                    "--listen", "tcp:127.0.0.1:" + port, "--user", "alice:pw",
                    "--ports", relayPorts.min() + "-" + relayPorts.max());
        });
        assertTrue(StunProbe.answers(server, START, () -> !status.isDone()), "the relay never answered STUN");

        try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            assertEquals(new InetSocketAddress(client.getLocalAddress(), client.getLocalPort()), mappedAddress(client, server));
        }

        runner[0].interrupt();

        assertEquals(0, status.get(START.toSeconds(), TimeUnit.SECONDS));
        assertFalse(StunProbe.answers(server, Duration.ofMillis(300), () -> true), "still answering after stop");
        try (DatagramSocket rebound = new DatagramSocket(server)) {
            assertEquals(port, rebound.getLocalPort(), "the listening port was not released");
        }
    }

    @Test
    void aPortInUseEndsTheCommandWithStatus1AndOneLine() throws Exception {
        int port = FreePorts.udpAndTcp();
        try (DatagramSocket occupant = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            StringWriter err = new StringWriter();

            int status = Punchline.commandLine().setErr(new PrintWriter(err))
                    .execute("relay", "--listen", "127.0.0.1:" + port, "--user", "alice:pw");

            assertEquals(1, status, err.toString());
            assertEquals(1, err.toString().lines().count(), err.toString());
            assertTrue(err.toString().startsWith("punchline relay: "), err.toString());
            assertTrue(err.toString().contains(String.valueOf(port)), err.toString());
        }
    }

    private static InetSocketAddress mappedAddress(DatagramSocket client, InetSocketAddress server) throws Exception {
        client.setSoTimeout((int) START.toMillis());
        ByteBuf request = StunMessage.builder(StunMethod.BINDING, StunClass.REQUEST, TransactionId.random())
                .encode(UnpooledByteBufAllocator.DEFAULT, Integrity.NONE, true);
        byte[] bytes = ByteBufUtil.getBytes(request);
        request.release();
        client.send(new DatagramPacket(bytes, bytes.length, server));
        DatagramPacket response = new DatagramPacket(new byte[1500], 1500);
        client.receive(response);
        StunMessage message = StunMessage.decode(Unpooled.wrappedBuffer(response.getData(), 0, response.getLength()));
        try {
            assertEquals(StunClass.SUCCESS_RESPONSE, message.messageClass());
            return message.xorAddress(AttributeType.XOR_MAPPED_ADDRESS).orElseThrow().address();
        } finally {
            message.release();
        }
    }
}
