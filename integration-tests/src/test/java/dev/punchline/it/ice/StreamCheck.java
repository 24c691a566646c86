package dev.punchline.it.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.punchline.it.lab.UdpCounters;
import dev.punchline.tun.lab.Host;
import dev.punchline.tun.lab.Lab;
import dev.punchline.tun.lab.WanEmulator;
import dev.punchline.tun.lab.WanStats;
import dev.punchline.ice.IceTimings;
import java.time.Duration;
import java.util.List;

/**
 * Numbered streams both ways through a {@link SessionPair}, started together and stopped together, then judged at
 * each receiving application.
 */
final class StreamCheck {

    /** A G.711 frame's size: what a softphone sends 50 times a second. */
    static final int PAYLOAD_BYTES = 160;
    /**
     * After the senders stop, what is still in flight (relay round trips under load, the Link's reorder hold, up to
     * its ceiling when the relay lags the direct path by hundreds of milliseconds) arrives.
     */
    private static final Duration DRAIN = IceTimings.LINK_HOLD_CEILING.plusMillis(500);

    private final SessionPair pair;
    private final StreamTally atAnswerer;
    private final StreamTally atOfferer;
    private final SequencedStream fromOfferer;
    private final SequencedStream fromAnswerer;
    private final long dropsBefore;
    private final WanEmulator wan;
    private final WanStats wanBefore;
    private final List<Host> relays;
    private final long relayDropsBefore;

    private StreamCheck(SessionPair pair, double packetsPerSecond, Lab lab) throws Exception {
        this.pair = pair;
        this.wan = lab.wan();
        this.wanBefore = wan.stats();
        this.relays = List.of(lab.host(IceTopologies.RELAY), lab.host(IceTopologies.SECOND_RELAY));
        this.relayDropsBefore = relayDrops();
        this.atAnswerer = pair.answerer.newTally();
        this.atOfferer = pair.offerer.newTally();
        this.dropsBefore = pair.offerer.socketReceiveDrops() + pair.answerer.socketReceiveDrops();
        this.fromOfferer = SequencedStream.start(pair.offerer::send, packetsPerSecond, PAYLOAD_BYTES);
        this.fromAnswerer = SequencedStream.start(pair.answerer::send, packetsPerSecond, PAYLOAD_BYTES);
    }

    static StreamCheck start(SessionPair pair, double packetsPerSecond, Lab lab) throws Exception {
        return new StreamCheck(pair, packetsPerSecond, lab);
    }

    /** Stops both streams, lets them drain, and returns what each side received. */
    Outcome stop() throws Exception {
        long offererSent = fromOfferer.stop();
        long answererSent = fromAnswerer.stop();
        Thread.sleep(DRAIN.toMillis());
        long drops = pair.offerer.socketReceiveDrops() + pair.answerer.socketReceiveDrops() - dropsBefore;
        long wanOverflows = wan.stats().overflowed() - wanBefore.overflowed();
        return new Outcome(atAnswerer.report(offererSent), atOfferer.report(answererSent), drops,
                relayDrops() - relayDropsBefore, wanOverflows);
    }

    private long relayDrops() throws Exception {
        long drops = 0;
        for (Host relay : relays) {
            drops += UdpCounters.receiveBufferErrors(relay);
        }
        return drops;
    }

    /**
     * What both applications saw.
     *
     * @param socketDrops datagrams the kernel dropped on the sessions' sockets (a full receive buffer: the JVM was
     *                    paused), which the Link cannot be blamed for
     * @param relayDrops  datagrams the relay hosts' kernels dropped for a full socket buffer: the lab's TURN server
     *                    runs in the test's JVM, so a pause there overflows them too
     * @param wanOverflows packets the lab's WAN emulator dropped because its queue was full (the lab, not the
     *                     session, could not keep up)
     */
    record Outcome(StreamReport offererToAnswerer, StreamReport answererToOfferer, long socketDrops,
            long relayDrops, long wanOverflows) {

        /** Nothing lost beyond what the kernels dropped, nothing reordered, no duplicate reaching the application. */
        void assertLossless() {
            for (StreamReport report : new StreamReport[] {offererToAnswerer, answererToOfferer}) {
                assertTrue(report.lost() <= socketDrops + relayDrops, "lost beyond the " + socketDrops
                        + " kernel receive drops and the relays' " + relayDrops + ": " + this);
                assertEquals(0, report.reordered(), "reordered: " + this);
                assertEquals(0, report.duplicated(), "duplicates delivered: " + this);
            }
        }

        @Override
        public String toString() {
            return "offerer->answerer [" + offererToAnswerer + "], answerer->offerer [" + answererToOfferer + "], "
                    + socketDrops + " kernel receive drops, " + relayDrops + " at the relays, " + wanOverflows
                    + " WAN emulator overflows";
        }
    }
}
