package dev.punchline.ice.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The fast path allocates nothing but the payload (checked by identity, not by timing): a payload with room
 * for the header goes to the path as the very same buffer, and a received frame reaches the application as
 * the very same buffer. Per packet, the rest of the work is field updates and array slots — the reused
 * FrameHeader, the bitmap and rings of the ReceiveWindow and ReorderBuffer, counters — with no boxing,
 * iterator, lambda or event object; allocations happen only on a path change, a probe, a hold timer, or a
 * copy for a second path during a switch.
 */
class LinkBuffersTest {
    private final VirtualScheduler clock = new VirtualScheduler();
    private final List<ByteBuf> delivered = new ArrayList<>();
    private final Link link = Link.builder().scheduler(clock).listener(delivered::add).build();
    private final CapturingPath relay = new CapturingPath("relay", PathKind.RELAY);
    private final PathHandle handle = link.addPath(relay.path);

    @AfterEach
    void releaseEverything() {
        relay.drain(LinkFrame.TYPE_DATA);
        delivered.forEach(ByteBuf::release);
    }

    @Test
    void aPayloadWithHeadroomIsFramedInPlace() {
        ByteBuf payload = Unpooled.buffer(64).writerIndex(LinkFrame.HEADER_LENGTH).readerIndex(LinkFrame.HEADER_LENGTH);
        payload.writeLong(42);
        relay.drain(LinkFrame.TYPE_PROBE);
        link.send(payload);
        assertSame(payload, relay.sent.get(0));
        assertEquals(0, payload.readerIndex());
        assertEquals(LinkFrame.TYPE_DATA, payload.getByte(0));
        assertEquals(42, payload.getLong(LinkFrame.HEADER_LENGTH));
    }

    @Test
    void aPayloadWithoutHeadroomIsCopiedBehindAHeaderAndReleased() {
        ByteBuf payload = Unpooled.buffer(8).writeLong(42);
        relay.drain(LinkFrame.TYPE_PROBE);
        link.send(payload);
        ByteBuf frame = relay.sent.get(0);
        assertNotSame(payload, frame);
        assertEquals(0, payload.refCnt());
        assertEquals(42, frame.getLong(frame.readerIndex() + LinkFrame.HEADER_LENGTH));
    }

    @Test
    void aReceivedFrameIsDeliveredAsTheSameBuffer() {
        ByteBuf frame = Unpooled.buffer();
        frame.writerIndex(LinkFrame.HEADER_LENGTH);
        LinkFrame.setHeader(frame, 0, LinkFrame.TYPE_DATA, 1, 0);
        frame.writeLong(42);
        handle.receive(frame);
        assertSame(frame, delivered.get(0));
        assertEquals(LinkFrame.HEADER_LENGTH, frame.readerIndex());
        assertEquals(42, frame.readLong());
    }
}
