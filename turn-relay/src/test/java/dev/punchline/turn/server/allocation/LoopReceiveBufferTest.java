package dev.punchline.turn.server.allocation;

import dev.punchline.turn.server.transport.NativeTransport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PoolArenaMetric;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The server's UDP receive buffers, on a real socket with each transport. */
class LoopReceiveBufferTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** The largest UDP payload over IPv4 (65,535 minus the IP and UDP headers). */
    private static final int LARGEST_DATAGRAM = 65_507;

    private final PooledByteBufAllocator alloc = new PooledByteBufAllocator(true);
    private final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    private EventLoopGroup group;
    private DatagramChannel channel;
    private DatagramSocket sender;
    /** The content the handler keeps past its return, as a queued or cross-thread packet would. */
    private volatile ByteBuf kept;

    @AfterEach
    void close() throws Exception {
        if (sender != null) {
            sender.close();
            sender = null;
        }
        if (channel != null) {
            channel.close().sync();
            channel = null;
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            group = null;
        }
        if (kept != null) {
            kept.release();
            kept = null;
        }
    }

    @ParameterizedTest
    @EnumSource(NativeTransport.class)
    void aDatagramSomeoneKeptIsNeverOverwrittenByLaterOnes(NativeTransport transport) throws Exception {
        open(transport, true);
        byte[] first = filled(1000, (byte) 0x11);
        send(first);
        assertArrayEquals(first, next());
        for (int i = 0; i < 50; i++) {
            byte[] later = filled(1000 + i, (byte) (0x20 + i));
            send(later);
            assertArrayEquals(later, next());
        }
        assertArrayEquals(first, ByteBufUtil.getBytes(kept));
    }

    @ParameterizedTest
    @EnumSource(NativeTransport.class)
    void theLargestDatagramArrivesWhole(NativeTransport transport) throws Exception {
        open(transport, false);
        byte[] small = filled(160, (byte) 0x33);
        byte[] largest = new byte[LARGEST_DATAGRAM];
        for (int i = 0; i < largest.length; i++) {
            largest[i] = (byte) (i * 31);
        }
        send(small);
        assertArrayEquals(small, next());
        send(largest);
        assertArrayEquals(largest, next());
        send(small);
        assertArrayEquals(small, next());
    }

    /**
     * Datagrams queued in the socket before the loop reads are taken as a batch (epoll: one recvmmsg into a slot per
     * datagram): every one arrives whole, in order, the largest next to the smallest.
     */
    @ParameterizedTest
    @EnumSource(NativeTransport.class)
    void aQueuedBurstOfMixedSizesArrivesWholeAndInOrder(NativeTransport transport) throws Exception {
        open(transport, false);
        channel.config().setAutoRead(false);
        List<byte[]> burst = new ArrayList<>();
        int[] sizes = {160, LARGEST_DATAGRAM, 1, 1000, 160};
        for (int i = 0; i < 20; i++) {
            byte[] datagram = filled(sizes[i % sizes.length], (byte) i);
            datagram[0] = (byte) (0x80 + i);
            burst.add(datagram);
            send(datagram);
        }
        channel.config().setAutoRead(true);
        for (byte[] datagram : burst) {
            assertArrayEquals(datagram, next());
        }
    }

    @ParameterizedTest
    @EnumSource(NativeTransport.class)
    void oneBufferServesEveryDatagramAndGoesBackWhenTheLoopEnds(NativeTransport transport) throws Exception {
        open(transport, false);
        for (int i = 0; i < 100; i++) {
            byte[] datagram = filled(160, (byte) i);
            send(datagram);
            assertArrayEquals(datagram, next());
        }
        // The loop's buffer (64 KiB, 1 MiB for epoll's batches) is above the thread cache's limit: each one taken
        // shows up in the arenas.
        assertEquals(1, directArenaAllocations());
        close();
        assertEquals(0, alloc.metric().directArenas().stream().mapToLong(PoolArenaMetric::numActiveAllocations).sum());
    }

    private void open(NativeTransport transport, boolean keepFirst) throws Exception {
        assumeTrue(transport != NativeTransport.EPOLL || NativeTransport.detect() == NativeTransport.EPOLL,
                "epoll is not available here");
        group = transport.newEventLoopGroup(1, "receive-test");
        channel = transport.newDatagramChannel(LOOPBACK);
        DatagramSocketOptions.apply(channel);
        channel.config().setAllocator(alloc);
        channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                DatagramPacket packet = (DatagramPacket) msg;
                try {
                    if (keepFirst && kept == null) {
                        kept = packet.content().retain();
                    }
                    received.add(ByteBufUtil.getBytes(packet.content()));
                } finally {
                    packet.release();
                }
            }
        });
        group.register(channel).sync();
        channel.bind(new InetSocketAddress(LOOPBACK, 0)).sync();
        sender = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        sender.setSendBufferSize(1 << 20);
    }

    private void send(byte[] datagram) throws Exception {
        sender.send(new java.net.DatagramPacket(datagram, datagram.length, channel.localAddress()));
    }

    private byte[] next() throws InterruptedException {
        byte[] datagram = received.poll(5, TimeUnit.SECONDS);
        assertNotNull(datagram, "no datagram within 5 s");
        return datagram;
    }

    private long directArenaAllocations() {
        return alloc.metric().directArenas().stream().mapToLong(PoolArenaMetric::numNormalAllocations).sum()
                + alloc.metric().directArenas().stream().mapToLong(PoolArenaMetric::numHugeAllocations).sum();
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }
}
