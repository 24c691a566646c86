package dev.punchline.ice.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Sending without consent (issue 4): until anything has arrived from the peer, data leaves at most at the
 * configured rate, so a forged session description cannot aim a flood through the relay; once the peer has
 * answered, nothing is held back.
 */
class LinkConsentTest {
    private static final int PAYLOAD = 100;

    @Test
    void dataBeforeThePeerAnswersIsRateLimited() {
        VirtualScheduler clock = new VirtualScheduler();
        LinkConfig config = LinkConfig.builder().unconsentedRate(10_000, 2_000).build();
        Link link = Link.builder().config(config).scheduler(clock).listener(ByteBuf::release).build();
        CapturingPath relay = new CapturingPath("relay", PathKind.RELAY);
        PathHandle handle = link.addPath(relay.path);

        sendBurst(link, 100);
        assertEquals(2_000 / PAYLOAD, relay.drain(LinkFrame.TYPE_DATA), "the burst");
        clock.runFor(Duration.ofMillis(500));
        sendBurst(link, 100);
        assertEquals(2_000 / PAYLOAD, relay.drain(LinkFrame.TYPE_DATA), "refilled, up to the burst");
        clock.runFor(Duration.ofMillis(100));
        sendBurst(link, 100);
        assertEquals(10_000 / 10 / PAYLOAD, relay.drain(LinkFrame.TYPE_DATA), "100 ms at 10 kB/s");
        assertEquals(300 - 20 - 20 - 10, link.statistics().rateLimited());

        ByteBuf probe = Unpooled.buffer();
        LinkFrame.writeProbe(probe, LinkFrame.TYPE_PROBE, 1, 0, 0, 0);
        handle.receive(probe);
        sendBurst(link, 1000);
        assertEquals(1000, relay.drain(LinkFrame.TYPE_DATA), "the peer answered: no limit");
        link.close();
    }

    private static void sendBurst(Link link, int n) {
        for (int i = 0; i < n; i++) {
            link.send(Unpooled.buffer(PAYLOAD).writeZero(PAYLOAD));
        }
    }
}
