package dev.punchline.it.ice;

import java.nio.ByteBuffer;
import java.util.BitSet;

/**
 * What an application receiving a {@link SequencedStream} saw: each packet's sequence number is checked against
 * those seen before. A packet is a duplicate if its number was seen already, reordered if a higher number arrived
 * before it; what never arrived is lost. Thread-safe: a session may deliver on any thread.
 */
final class StreamTally {

    private final BitSet seen = new BitSet();
    private long received;
    private long duplicated;
    private long reordered;
    private long highest = -1;
    private long malformed;

    /** One packet as the application received it. */
    synchronized void accept(byte[] packet) {
        if (packet.length < SequencedStream.HEADER_BYTES) {
            malformed++;
            return;
        }
        long sequence = ByteBuffer.wrap(packet).getLong();
        if (sequence < 0 || sequence > Integer.MAX_VALUE) {
            malformed++;
            return;
        }
        int index = (int) sequence;
        if (seen.get(index)) {
            duplicated++;
            return;
        }
        seen.set(index);
        received++;
        if (sequence < highest) {
            reordered++;
        } else {
            highest = sequence;
        }
    }

    /** Distinct packets received so far: a stream that makes progress. */
    synchronized long received() {
        return received;
    }

    /** The counts once {@code sent} packets were sent; call after the stream has drained. */
    synchronized StreamReport report(long sent) {
        long lost = sent - seen.cardinality();
        int firstLost = seen.nextClearBit(0);
        return new StreamReport(sent, received, lost, duplicated, reordered, malformed,
                lost > 0 ? firstLost : -1);
    }
}
