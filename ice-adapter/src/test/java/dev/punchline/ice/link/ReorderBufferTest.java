package dev.punchline.ice.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReorderBufferTest {
    private static final long HOLD = 30;

    private final ReceiveWindow window = new ReceiveWindow(64, 3, 0);
    private final List<Long> out = new ArrayList<>();
    private final List<Boolean> late = new ArrayList<>();
    private final ReorderBuffer buffer = new ReorderBuffer(window, this::deliver);

    private void deliver(ByteBuf payload, int path, boolean afterExpiry) {
        out.add(payload.readLong());
        late.add(afterExpiry);
        payload.release();
    }

    private int arrive(long seq, long now, boolean mayHold) {
        assertEquals(ReceiveWindow.ACCEPTED, window.accept(seq, 0, now));
        return buffer.offer(seq, Unpooled.buffer(8).writeLong(seq), 0, mayHold);
    }

    @Test
    void inOrderPacketsPassStraightThrough() {
        for (long s = 1; s < 6; s++) {
            assertEquals(ReorderBuffer.DELIVERED, arrive(s, s, true));
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), out);
    }

    /** A Link numbers its data from 1: a later packet that arrives first (over a faster path) waits for those before it. */
    @Test
    void theStreamStartsAtOneWhicheverPacketArrivesFirst() {
        assertEquals(true, buffer.atStart());
        assertEquals(ReorderBuffer.HELD, arrive(3, 0, true));
        assertEquals(ReorderBuffer.DELIVERED, arrive(1, 5, true));
        assertEquals(false, buffer.atStart());
        assertEquals(ReorderBuffer.DELIVERED, arrive(2, 6, true));
        assertEquals(List.of(1L, 2L, 3L), out);
        assertEquals(0, buffer.givenUp());
    }

    @Test
    void earlyPacketsWaitForTheGapToFill() {
        arrive(1, 0, true);
        assertEquals(ReorderBuffer.HELD, arrive(3, 1, true));
        assertEquals(ReorderBuffer.HELD, arrive(4, 2, true));
        assertEquals(List.of(1L), out);
        assertEquals(1 + HOLD, buffer.nextDeadline(HOLD, HOLD));
        assertEquals(ReorderBuffer.DELIVERED, arrive(2, 20, true));
        assertEquals(List.of(1L, 2L, 3L, 4L), out);
        assertEquals(List.of(false, false, false, false), late);
        assertEquals(0, buffer.heldCount());
        assertEquals(-1, buffer.nextDeadline(HOLD, HOLD));
        assertEquals(0, buffer.givenUp());
    }

    @Test
    void onASinglePathAGapIsALossAtOnce() {
        arrive(1, 0, false);
        assertEquals(ReorderBuffer.DELIVERED, arrive(3, 1, false));
        assertEquals(List.of(1L, 3L), out);
        assertEquals(1, buffer.givenUp());
        assertEquals(ReorderBuffer.LATE, arrive(2, 2, false), "a straggler still goes out, late");
        assertEquals(List.of(1L, 3L, 2L), out);
    }

    @Test
    void whenTheHoldRunsOutTheGapIsGivenUp() {
        arrive(1, 0, true);
        arrive(3, 10, true);
        arrive(4, 11, true);
        assertEquals(10 + HOLD, buffer.expire(10 + HOLD - 1, HOLD, HOLD), "nothing due yet");
        assertEquals(List.of(1L), out);
        assertEquals(-1, buffer.expire(10 + HOLD, HOLD, HOLD));
        assertEquals(List.of(1L, 3L, 4L), out);
        assertEquals(List.of(false, true, true), late);
        assertEquals(1, buffer.givenUp());
        assertEquals(ReorderBuffer.DELIVERED, arrive(5, 50, true));
    }

    @Test
    void thePacketThatArrivedFirstSetsTheDeadlineWhateverItsNumber() {
        arrive(1, 0, true);
        arrive(4, 1, true);
        arrive(2, 5, true);
        assertEquals(1 + HOLD, buffer.nextDeadline(HOLD, HOLD));
        assertEquals(-1, buffer.expire(1 + HOLD, HOLD, HOLD));
        assertEquals(List.of(1L, 2L, 4L), out, "4's hold ended, so 3 is given up, and 2 went out before it");
        assertEquals(1, buffer.givenUp());
    }

    @Test
    void aGapWiderThanTheRingIsGivenUpAtOnce() {
        arrive(1, 0, true);
        arrive(3, 1, true);
        assertEquals(ReorderBuffer.DELIVERED, arrive(3 + 64, 2, true));
        assertEquals(List.of(1L, 3L, 67L), out);
        assertEquals(1 + 63, buffer.givenUp());
    }

    @Test
    void aRestartReleasesWhatIsHeldAndContinuesFromTheNewNumber() {
        arrive(1, 0, true);
        arrive(3, 1, true);
        buffer.restartAt(1000);
        assertEquals(List.of(1L, 3L), out);
        assertEquals(ReceiveWindow.TOO_NEW, window.accept(1000, 0, 2));
        assertEquals(ReorderBuffer.DELIVERED, buffer.offer(1000, Unpooled.buffer(8).writeLong(1000), 0, true));
        assertEquals(List.of(1L, 3L, 1000L), out);
    }

    @Test
    void discardReleasesWhatIsHeld() {
        arrive(1, 0, true);
        ByteBuf early = Unpooled.buffer(8).writeLong(3);
        window.accept(3, 0, 1);
        buffer.offer(3, early, 0, true);
        buffer.discard();
        assertEquals(0, early.refCnt());
        assertEquals(0, buffer.heldCount());
    }
}
