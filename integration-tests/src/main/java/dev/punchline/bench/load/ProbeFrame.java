package dev.punchline.bench.load;

import dev.punchline.turn.wire.ChannelData;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * The one kind of packet the generator sends: a ChannelData frame whose payload starts with the step it belongs to, a
 * per-session sequence number and the send time, zero-filled to the chosen payload size. The relay strips the 4-byte
 * header on the way to the peer and puts it back on the way home, so the fields sit at the same offsets in what the
 * client sends and what it gets back (and the direct baseline, which echoes the frame unchanged, reads them alike).
 */
final class ProbeFrame {

    /** Step, sequence number, send time. */
    static final int MIN_PAYLOAD = Integer.BYTES + 2 * Long.BYTES;

    private static final int STEP_AT = ChannelData.HEADER_LENGTH;
    private static final int SEQUENCE_AT = STEP_AT + Integer.BYTES;
    private static final int SENT_AT = SEQUENCE_AT + Long.BYTES;

    private final byte[] template;

    /** A template for {@code channel} with a payload of {@code payloadBytes}. */
    ProbeFrame(int channel, int payloadBytes) {
        if (payloadBytes < MIN_PAYLOAD) {
            throw new IllegalArgumentException("payload: at least " + MIN_PAYLOAD + " bytes, was " + payloadBytes);
        }
        ByteBuf frame = Unpooled.buffer(ChannelData.HEADER_LENGTH + payloadBytes);
        try {
            ChannelData.encode(frame, channel, Unpooled.wrappedBuffer(new byte[payloadBytes]), false);
            this.template = ByteBufUtil.getBytes(frame);
        } finally {
            frame.release();
        }
    }

    /** A copy of the template stamped with {@code step}, {@code sequence} and the current time. */
    ByteBuf stamp(ByteBufAllocator alloc, int step, long sequence) {
        ByteBuf frame = alloc.directBuffer(template.length, template.length);
        frame.writeBytes(template);
        frame.setInt(STEP_AT, step);
        frame.setLong(SEQUENCE_AT, sequence);
        frame.setLong(SENT_AT, System.nanoTime());
        return frame;
    }

    /** The step a frame that came back belongs to; -1 when it is too short to be one of ours. */
    static int step(ByteBuf frame) {
        return frame.readableBytes() < ChannelData.HEADER_LENGTH + MIN_PAYLOAD
                ? -1 : frame.getInt(frame.readerIndex() + STEP_AT);
    }

    static long sequence(ByteBuf frame) {
        return frame.getLong(frame.readerIndex() + SEQUENCE_AT);
    }

    /** When the frame was sent, in {@link System#nanoTime()} terms. */
    static long sentAt(ByteBuf frame) {
        return frame.getLong(frame.readerIndex() + SENT_AT);
    }
}
