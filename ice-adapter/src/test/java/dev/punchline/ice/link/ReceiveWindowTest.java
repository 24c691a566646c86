package dev.punchline.ice.link;

import org.junit.jupiter.api.Test;

import static dev.punchline.ice.link.ReceiveWindow.ACCEPTED;
import static dev.punchline.ice.link.ReceiveWindow.DUPLICATE;
import static dev.punchline.ice.link.ReceiveWindow.RESYNCED;
import static dev.punchline.ice.link.ReceiveWindow.TOO_NEW;
import static dev.punchline.ice.link.ReceiveWindow.TOO_OLD;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ReceiveWindowTest {
    private static final long MS = 1_000_000;

    @Test
    void sizeIsThePowerOfTwoAtOrAboveTheRequest() {
        assertEquals(16_384, new ReceiveWindow(10_000, 3, 0).size());
        assertEquals(16_384, new ReceiveWindow(16_384, 3, 0).size());
    }

    @Test
    void acceptsEachSequenceNumberOnceInAnyOrderWithinTheWindow() {
        ReceiveWindow w = new ReceiveWindow(64, 3, 0);
        assertEquals(ACCEPTED, w.accept(5, 0, 1));
        assertEquals(ACCEPTED, w.accept(3, 1, 2));
        assertEquals(DUPLICATE, w.accept(5, 1, 3));
        assertEquals(ACCEPTED, w.accept(4, 0, 4));
        assertEquals(DUPLICATE, w.accept(3, 0, 5));
        assertEquals(1, w.pathOf(3));
        assertEquals(2, w.arrivalOf(3));
        assertEquals(5, w.highest());
    }

    @Test
    void slotsReusedAsTheWindowAdvancesStartEmpty() {
        ReceiveWindow w = new ReceiveWindow(64, 3, 0);
        for (long s = 1; s <= 64; s++) {
            assertEquals(ACCEPTED, w.accept(s, 0, s));
        }
        // 128 is a whole window ahead: every slot of 1..63 now stands for 65..127, never received.
        assertEquals(ACCEPTED, w.accept(128, 0, 200));
        for (long s = 65; s < 128; s++) {
            assertEquals(ACCEPTED, w.accept(s, 0, 201), "seq " + s);
        }
        assertEquals(TOO_OLD, w.accept(64, 0, 202), "128 - 64 is just outside");
    }

    @Test
    void farOffSequenceNumbersAreRefusedAndDoNotMoveTheWindow() {
        ReceiveWindow w = new ReceiveWindow(64, 3, 0);
        for (long s = 1; s <= 100; s++) {
            w.accept(s, 0, s);
        }
        assertEquals(TOO_NEW, w.accept(100 + 65, 0, 101));
        assertEquals(TOO_NEW, w.accept(1L << 47, 0, 102));
        assertEquals(TOO_OLD, w.accept(36, 0, 103));
        assertEquals(TOO_OLD, w.accept(1, 0, 104));
        assertEquals(100, w.highest());
        assertEquals(ACCEPTED, w.accept(101, 0, 105));
        assertEquals(ACCEPTED, w.accept(164, 0, 106), "the edge of the window ahead");
    }

    @Test
    void consistentOutOfWindowFramesMoveTheWindowAfterResyncAfterVotes() {
        ReceiveWindow w = new ReceiveWindow(64, 3, 0);
        w.accept(1, 0, 0);
        assertEquals(TOO_NEW, w.accept(10_000, 0, 1));
        assertEquals(TOO_NEW, w.accept(10_000, 1, 2), "the copy on another path agrees but adds no vote");
        assertEquals(TOO_NEW, w.accept(10_001, 0, 3));
        assertEquals(RESYNCED, w.accept(10_003, 0, 4));
        assertEquals(10_003, w.highest());
        assertEquals(ACCEPTED, w.accept(10_002, 0, 5));
        assertEquals(DUPLICATE, w.accept(10_003, 1, 6));
        assertEquals(TOO_OLD, w.accept(2, 0, 7));
    }

    @Test
    void anInWindowFrameBetweenForgedOnesResetsTheVotes() {
        ReceiveWindow w = new ReceiveWindow(64, 3, 0);
        long legit = 1;
        w.accept(legit, 0, 0);
        for (int i = 0; i < 1000; i++) {
            assertEquals(TOO_NEW, w.accept(1_000_000 + i, 0, i));
            assertEquals(TOO_NEW, w.accept(1_000_000 + i + 1, 0, i));
            assertEquals(ACCEPTED, w.accept(++legit, 0, i));
        }
        assertEquals(legit, w.highest());
    }

    @Test
    void farOffFramesMoveTheWindowOnlyOnceTheStreamHasBeenQuiet() {
        ReceiveWindow w = new ReceiveWindow(64, 3, 100 * MS);
        w.accept(1, 0, 0);
        assertEquals(TOO_NEW, w.accept(10_000, 0, 10 * MS));
        assertEquals(TOO_NEW, w.accept(10_001, 0, 20 * MS));
        assertEquals(TOO_NEW, w.accept(10_002, 0, 30 * MS), "three votes, but the stream spoke 30 ms ago");
        assertEquals(TOO_NEW, w.accept(10_003, 0, 99 * MS));
        assertEquals(RESYNCED, w.accept(10_004, 0, 100 * MS));
    }

    /**
     * Issue 4's sizing: 100,000 packets/s on two paths whose delays differ by 100 ms. Every packet arrives
     * twice, the slow copy 10,000 sequence numbers behind the fast one; each must be accepted exactly once
     * (no false duplicate) and no copy refused as out of window (no false drop).
     */
    @Test
    void copiesAHundredMillisecondsApartAtAHundredThousandPacketsPerSecond() {
        ReceiveWindow w = new ReceiveWindow(LinkConfig.DEFAULT_DEDUPE_WINDOW, LinkConfig.DEFAULT_RESYNC_AFTER, 100 * MS);
        long rate = 100_000;
        long lag = rate * 100 * MS / 1_000_000_000L;
        long total = 500_000;
        long accepted = 0;
        long duplicates = 0;
        for (long s = 1; s <= total + lag; s++) {
            long now = s * 10_000;
            if (s <= total) {
                int fast = w.accept(s, 0, now);
                assertEquals(ACCEPTED, fast, "fast copy of " + s);
                accepted++;
            }
            long slow = s - lag;
            if (slow >= 1) {
                assertEquals(DUPLICATE, w.accept(slow, 1, now), "slow copy of " + slow);
                assertEquals(100 * MS, now - w.arrivalOf(slow));
                duplicates++;
            }
        }
        assertEquals(total, accepted);
        assertEquals(total, duplicates);
    }
}
