package dev.punchline.it.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StreamTallyTest {

    @Test
    void countsLossDuplicatesAndReorderingAsTheApplicationSeesThem() {
        StreamTally tally = new StreamTally();
        for (long sequence : new long[] {0, 1, 3, 2, 3, 5}) {
            tally.accept(packet(sequence));
        }
        tally.accept(new byte[3]);

        StreamReport report = tally.report(7);

        assertEquals(5, report.received());
        assertEquals(1, report.duplicated());
        assertEquals(1, report.reordered());
        assertEquals(2, report.lost());
        assertEquals(4, report.firstLost());
        assertEquals(1, report.malformed());
    }

    @Test
    void aStreamDeliveredInOrderLosesNothingAtItsRate() throws Exception {
        StreamTally tally = new StreamTally();
        SequencedStream stream = SequencedStream.start(tally::accept, 5_000, 64);
        TimeUnit.MILLISECONDS.sleep(200);
        long sent = stream.stop();

        StreamReport report = tally.report(sent);

        assertTrue(sent >= 900 && sent <= 1_300, sent + " sent in 200 ms at 5,000/s");
        assertEquals(0, report.lost(), report.toString());
        assertEquals(0, report.reordered(), report.toString());
        assertEquals(0, report.duplicated(), report.toString());
    }

    private static byte[] packet(long sequence) {
        return ByteBuffer.allocate(16).putLong(sequence).array();
    }
}
