package dev.punchline.ice.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Sending without consent (issue 4): until anything has arrived from the peer, data leaves at most at the
 * configured rate, so a forged session description cannot aim a flood through the relay; what exceeds the rate
 * waits, in order and up to a bound, and goes as soon as the peer has answered, so a fast stream starts without
 * a loss; after that nothing is held back.
 */
class LinkConsentTest {
    private static final int PAYLOAD = 100;
    private static final int FRAME = LinkFrame.HEADER_LENGTH + PAYLOAD;

    @Test
    void dataBeforeThePeerAnswersLeavesAtTheRateAndTheRestWaitsForIt() {
        VirtualScheduler clock = new VirtualScheduler();
        LinkConfig config = LinkConfig.builder().unconsentedRate(10_000, 2_000).unconsentedBacklog(100L * FRAME).build();
        Link link = Link.builder().config(config).scheduler(clock).listener(ByteBuf::release).build();
        CapturingPath relay = new CapturingPath("relay", PathKind.RELAY);
        PathHandle handle = link.addPath(relay.path);

        sendNumbered(link, 0, 50);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L),
                relay.dataPayloads(), "the burst goes, the rest waits");
        clock.runFor(Duration.ofMillis(100));
        assertEquals(10, relay.dataPayloads().size(), "100 ms at 10 kB/s leave from what waits, oldest first");
        sendNumbered(link, 50, 200);
        assertEquals(0, relay.dataPayloads().size(), "nothing overtakes what waits");
        assertEquals(50 + 200 - 20 - 10 - 100, link.statistics().rateLimited(), "beyond the backlog: dropped");

        ByteBuf probe = Unpooled.buffer();
        LinkFrame.writeProbe(probe, LinkFrame.TYPE_PROBE, 1, 0, 0, 0);
        handle.receive(probe);
        List<Long> flushed = relay.dataPayloads();
        assertEquals(100, flushed.size(), "the peer answered: everything waiting goes at once");
        assertEquals(30L, flushed.get(0));
        assertEquals(129L, flushed.get(99));
        sendNumbered(link, 1000, 1000);
        assertEquals(1000, relay.dataPayloads().size(), "no limit any more");
        assertEquals(120, link.statistics().rateLimited());
        link.close();
    }

    @Test
    void whatWaitsIsReleasedWhenTheLinkCloses() {
        VirtualScheduler clock = new VirtualScheduler();
        LinkConfig config = LinkConfig.builder().unconsentedRate(10_000, 2_000).build();
        Link link = Link.builder().config(config).scheduler(clock).listener(ByteBuf::release).build();
        CapturingPath relay = new CapturingPath("relay", PathKind.RELAY);
        link.addPath(relay.path);
        List<ByteBuf> given = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ByteBuf packet = Unpooled.buffer(PAYLOAD).writeZero(PAYLOAD);
            given.add(packet);
            link.send(packet);
        }
        relay.drain(LinkFrame.TYPE_DATA);

        link.close();

        assertEquals(0, given.stream().filter(b -> b.refCnt() > 0).count(), "every waiting packet released");
    }

    private static void sendNumbered(Link link, long first, int n) {
        for (long i = first; i < first + n; i++) {
            ByteBuf packet = Unpooled.buffer(PAYLOAD);
            packet.writeLong(i).writeZero(PAYLOAD - Long.BYTES);
            link.send(packet);
        }
    }
}
