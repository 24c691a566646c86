package dev.punchline.ice.control;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BridgeSocketTest {

    private static final InetSocketAddress LOCAL = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);
    private static final InetSocketAddress PEER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 50000);

    private final List<ByteBuf> sent = new ArrayList<>();
    private final List<InetSocketAddress> sentTo = new ArrayList<>();
    private final List<ByteBuf> tapped = new ArrayList<>();

    private BridgeSocket bridge() {
        return new BridgeSocket(LOCAL, (datagram, to) -> {
            sent.add(datagram);
            sentTo.add(to);
        }, tapped::add, "reader");
    }

    @Test
    void itIsTheConcreteBoundAddressAndOwnsNoDescriptor() {
        long before = ProcessResources.openFileDescriptors();
        List<BridgeSocket> bridges = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            bridges.add(bridge());
        }
        assertEquals(before, ProcessResources.openFileDescriptors());
        BridgeSocket bridge = bridges.get(0);
        assertEquals(LOCAL.getAddress(), bridge.getLocalAddress());
        assertEquals(LOCAL.getPort(), bridge.getLocalPort());
        assertEquals(LOCAL, bridge.getLocalSocketAddress());
        assertTrue(bridge.isBound());
    }

    @Test
    void receiveTakesWhatTheDemultiplexerOffered() throws Exception {
        BridgeSocket bridge = bridge();
        ByteBuf datagram = Unpooled.wrappedBuffer(new byte[] {1, 2, 3});
        assertTrue(bridge.offer(datagram, PEER));
        assertEquals(0, datagram.readerIndex(), "the caller's buffer is left as it was");
        DatagramPacket packet = new DatagramPacket(new byte[1500], 1500);
        bridge.receive(packet);
        assertArrayEquals(new byte[] {1, 2, 3}, java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
        assertEquals(PEER, packet.getSocketAddress());
    }

    @Test
    void receiveHonoursTheSoTimeout() throws Exception {
        BridgeSocket bridge = bridge();
        bridge.setSoTimeout(50);
        long started = System.nanoTime();
        assertThrows(SocketTimeoutException.class, () -> bridge.receive(new DatagramPacket(new byte[10], 10)));
        assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(45));
    }

    @Test
    void closeWakesABlockedReceiverAndRefusesMore() throws Exception {
        BridgeSocket bridge = bridge();
        CompletableFuture<Throwable> receiver = CompletableFuture.supplyAsync(() -> {
            try {
                bridge.receive(new DatagramPacket(new byte[10], 10));
                return null;
            } catch (Exception e) {
                return e;
            }
        });
        Thread.sleep(100);
        bridge.close();
        assertTrue(receiver.get(5, TimeUnit.SECONDS) instanceof SocketException);
        assertTrue(bridge.isClosed());
        assertFalse(bridge.offer(Unpooled.wrappedBuffer(new byte[1]), PEER));
        assertThrows(SocketException.class, () -> bridge.send(new DatagramPacket(new byte[1], 1, PEER)));
    }

    @Test
    void sendGoesThroughTheSenderAndNeverThrowsBecauseOfIt() throws Exception {
        BridgeSocket bridge = bridge();
        bridge.send(new DatagramPacket(new byte[] {9, 8, 7, 6}, 1, 2, PEER));
        assertEquals(PEER, sentTo.get(0));
        assertArrayEquals(new byte[] {8, 7}, ByteBufUtil.getBytes(sent.get(0)));
        assertEquals(1, tapped.size());
        sent.forEach(ByteBuf::release);

        BridgeSocket failing = new BridgeSocket(LOCAL, (datagram, to) -> {
            datagram.release();
            throw new IllegalStateException("channel gone");
        }, d -> { }, "reader");
        failing.send(new DatagramPacket(new byte[4], 4, PEER)); // ice4j must still see its transaction start
    }

    @Test
    void aFullQueueDropsAndCounts() {
        BridgeSocket bridge = bridge();
        for (int i = 0; i < 300; i++) {
            assertTrue(bridge.offer(Unpooled.wrappedBuffer(new byte[] {(byte) i}), PEER));
        }
        assertEquals(300 - 256, bridge.dropped());
    }
}
