package dev.punchline.turn.client;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;

/** Receives what peers sent to the relayed address, unwrapped from Data indications and ChannelData. */
@FunctionalInterface
public interface TurnDataListener {

    /**
     * Called on the thread that fed the frame in (the transport's event loop for the ready-made
     * transports): do not block. {@code payload} is a slice of the received frame, valid during the call
     * only; retain it to keep it longer (no copy is made).
     */
    void onData(InetSocketAddress peer, ByteBuf payload);
}
