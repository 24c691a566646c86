package dev.punchline.turn.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The way out to ONE TURN server. The client core only ever writes whole frames through it; whoever owns
 * the socket feeds the server's frames back in through {@link TurnInbound}. The ready-made Netty transports
 * implement it for standalone use; ice-adapter implements it over the socket it owns and demultiplexes.
 */
public interface TurnTransport {

    /**
     * Sends one whole frame (a STUN message or a ChannelData message) to the server and takes ownership of
     * it. Called from any thread, including the client's data-sending callers, so it must be thread-safe.
     */
    void send(ByteBuf frame);

    /**
     * True for a byte stream (TCP, TLS): requests are sent once (no retransmission) and ChannelData is
     * padded to a multiple of four bytes, as RFC 8656 §12.5 requires on streams.
     */
    boolean isStream();

    /** Where frames are allocated. */
    ByteBufAllocator alloc();

    /**
     * Called once when the client closes. A transport the client owns releases its socket; a transport
     * over a socket somebody else owns just stops sending.
     */
    void close();
}
