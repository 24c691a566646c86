package dev.punchline.turn.wire;

import io.netty.buffer.ByteBuf;

/** A decoded ChannelData message: its channel and a slice of the payload (no copy, not retained). */
public record ChannelDataFrame(int channel, ByteBuf payload) {
}
