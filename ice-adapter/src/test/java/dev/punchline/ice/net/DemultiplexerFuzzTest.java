package dev.punchline.ice.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.punchline.turn.client.TurnClient;
import dev.punchline.turn.client.TurnClientConfig;
import dev.punchline.turn.client.TurnDataListener;
import dev.punchline.turn.client.TurnInbound;
import dev.punchline.turn.client.TurnTransport;
import dev.punchline.turn.wire.ErrorCode;
import dev.punchline.turn.wire.Integrity;
import dev.punchline.turn.wire.StunClass;
import dev.punchline.turn.wire.StunMessage;
import dev.punchline.turn.wire.TransactionId;
import dev.punchline.turn.wire.Username;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.DefaultEventLoop;
import io.netty.util.ResourceLeakDetector;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and near-valid datagrams from random sources into a demultiplexer with every kind of route: nothing
 * escapes, the lent buffer comes back with its reference count untouched, and every datagram has one outcome.
 */
class DemultiplexerFuzzTest {
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress PEER = new InetSocketAddress("192.0.2.7", 5000);
    private static final InetSocketAddress STRANGER = new InetSocketAddress("192.0.2.99", 6000);
    /** A real TURN client (never allocated: it takes ChannelData and its own responses, nothing else). */
    private static final InetSocketAddress TURN = new InetSocketAddress("198.51.100.1", 3478);
    /** A stand-in client that unwraps every ChannelData, so random payloads get routed again. */
    private static final InetSocketAddress UNWRAPPING_TURN = new InetSocketAddress("198.51.100.2", 3478);
    private static final List<InetSocketAddress> SOURCES = List.of(PEER, STRANGER, TURN, UNWRAPPING_TURN);

    private static ResourceLeakDetector.Level previousLevel;
    private static DefaultEventLoop loop;
    private static TurnClient turnClient;
    private static Demultiplexer demux;
    private static final List<ByteBuf> kept = new ArrayList<>();

    @BeforeContainer
    static void routes() {
        previousLevel = NoLeaks.start();
        loop = new DefaultEventLoop();
        demux = new Demultiplexer(LOCAL);
        turnClient = TurnClient.overTransport(TurnClientConfig.builder(TURN).credentials("u", "p").build(),
                new DiscardingTransport(), loop);
        demux.addTurnServer(TURN, turnClient);
        UnwrappingClient unwrapping = new UnwrappingClient();
        unwrapping.listener = demux.addTurnServer(UNWRAPPING_TURN, unwrapping).dataListener();
        demux.addAgent("aaaa", (d, from, via) -> d.getByte(d.readerIndex() + d.readableBytes() - 1));
        // Fails on every other transaction id (its first byte odd), as a buggy handler would.
        demux.addAgent("bbbb", (d, from, via) -> {
            if ((d.getByte(d.readerIndex() + 8) & 1) != 0) {
                throw new IllegalStateException("a handler bug");
            }
        });
        // Keeps what it gets, as the Link does while it holds early packets during a switch.
        demux.addPeer(PacketClass.LINK_FRAME, PEER, (d, from, via) -> kept.add(d.retain()));
        // Reads what it is lent: the demultiplexer must not need those bytes again afterwards.
        demux.setFallback(PacketClass.RTP_RTCP, (d, from, via) -> d.skipBytes(d.readableBytes()));
    }

    @AfterContainer
    static void checkAndClose() throws Exception {
        DemuxCounters c = demux.counters();
        assertEquals(c.received() + c.unwrapped(), c.toTurnClients() + c.deliveredTotal() + c.droppedTotal(), c.toString());
        // The generators reach every route and every reason to drop.
        for (DropReason reason : DropReason.values()) {
            assertTrue(c.dropped(reason) > 0, reason + " never happened: " + c);
        }
        for (PacketClass routed : List.of(PacketClass.STUN, PacketClass.LINK_FRAME, PacketClass.RTP_RTCP)) {
            assertTrue(c.delivered(routed) > 0, routed + " never delivered: " + c);
        }
        assertTrue(c.toTurnClients() > 0 && c.unwrapped() > 0, c.toString());
        turnClient.closeAsync().get(5, TimeUnit.SECONDS);
        loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
        NoLeaks.finish(previousLevel);
    }

    @Property(tries = 100_000, shrinking = ShrinkingMode.BOUNDED)
    void nothingEscapesAndReferenceCountsAreExact(@ForAll("datagrams") byte[] bytes,
                                                  @ForAll("sources") InetSocketAddress from) {
        ByteBuf datagram = ByteBufAllocator.DEFAULT.buffer(bytes.length).writeBytes(bytes);
        DemuxCounters c = demux.counters();
        long outcomesBefore = outcomes(c);
        long unwrappedBefore = c.unwrapped();
        try {
            demux.receive(datagram, from);
            assertEquals(1 + kept.size(), datagram.refCnt(), "the demultiplexer's count, plus the handler's");
            assertEquals(1 + c.unwrapped() - unwrappedBefore, outcomes(c) - outcomesBefore,
                    "one outcome for the datagram and one for each payload unwrapped from it");
        } finally {
            kept.forEach(ByteBuf::release);
            kept.clear();
            datagram.release();
        }
    }

    private static long outcomes(DemuxCounters c) {
        return c.toTurnClients() + c.deliveredTotal() + c.droppedTotal();
    }

    @Provide
    Arbitrary<InetSocketAddress> sources() {
        return Arbitraries.of(SOURCES);
    }

    @Provide
    Arbitrary<byte[]> datagrams() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(120);
        Arbitrary<byte[]> stun = Combinators.combine(Arbitraries.of(StunClass.class),
                        Arbitraries.of("aaaa:x", "bbbb:y", "cccc:z", "", "aaaa", ":"),
                        Arbitraries.create(TransactionId::random),
                        Arbitraries.oneOf(Arbitraries.just(1), Arbitraries.integers().between(1, 0xFFF)))
                .as(DemultiplexerFuzzTest::stun);
        Arbitrary<byte[]> mutatedStun = Combinators.combine(stun, Arbitraries.integers().between(0, 200),
                        Arbitraries.bytes())
                .as((s, at, b) -> {
                    byte[] copy = s.clone();
                    copy[at % copy.length] = b;
                    return copy;
                });
        Arbitrary<byte[]> channelData = Combinators.combine(Arbitraries.integers().between(0x4000, 0x7FFF),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(80), Arbitraries.integers().between(-4, 4))
                .as(DemultiplexerFuzzTest::channelData);
        Arbitrary<byte[]> classed = Combinators.combine(Arbitraries.integers().between(0, 255),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(40))
                .as((first, rest) -> {
                    byte[] b = new byte[rest.length + 1];
                    b[0] = (byte) (int) first;
                    System.arraycopy(rest, 0, b, 1, rest.length);
                    return b;
                });
        return Arbitraries.oneOf(random, stun, mutatedStun, channelData, classed);
    }

    private static byte[] stun(StunClass cls, String username, TransactionId id, int method) {
        StunMessage.Builder b = StunMessage.builder(method, cls, id);
        if (!username.isEmpty()) {
            b.add(new Username(username));
        }
        if (cls == StunClass.ERROR_RESPONSE) {
            b.add(new ErrorCode(400, "Bad Request"));
        }
        ByteBuf encoded = b.encode(ByteBufAllocator.DEFAULT, Integrity.NONE, method % 2 == 0);
        try {
            byte[] bytes = new byte[encoded.readableBytes()];
            encoded.readBytes(bytes);
            return bytes;
        } finally {
            encoded.release();
        }
    }

    /** ChannelData whose length field is off by {@code lengthError} bytes now and then. */
    private static byte[] channelData(int channel, byte[] payload, int lengthError) {
        byte[] b = new byte[4 + payload.length];
        int length = Math.max(0, payload.length + (lengthError % 2 == 0 ? 0 : lengthError));
        b[0] = (byte) (channel >> 8);
        b[1] = (byte) channel;
        b[2] = (byte) (length >> 8);
        b[3] = (byte) length;
        System.arraycopy(payload, 0, b, 4, payload.length);
        return b;
    }

    private static final class DiscardingTransport implements TurnTransport {
        @Override
        public void send(ByteBuf frame) {
            frame.release();
        }

        @Override
        public boolean isStream() {
            return false;
        }

        @Override
        public ByteBufAllocator alloc() {
            return ByteBufAllocator.DEFAULT;
        }

        @Override
        public void close() {
        }
    }

    private static final class UnwrappingClient implements TurnInbound {
        TurnDataListener listener;

        @Override
        public boolean receive(ByteBuf frame) {
            if (PacketClass.of(frame) != PacketClass.CHANNEL_DATA) {
                return false;
            }
            listener.onData(PEER, frame.slice(frame.readerIndex() + 4, frame.readableBytes() - 4));
            return true;
        }

        @Override
        public void transportClosed(String reason) {
        }

        @Override
        public void transportError(Throwable cause) {
        }
    }
}
