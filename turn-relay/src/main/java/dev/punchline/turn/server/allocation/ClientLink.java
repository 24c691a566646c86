package dev.punchline.turn.server.allocation;

import dev.punchline.turn.server.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;

import java.net.InetSocketAddress;

/**
 * The client side of a 5-tuple: where responses, Data indications and ChannelData for one client go, and which
 * allocation that 5-tuple holds. One implementation for UDP (a listener socket plus the client's address) and one for
 * TCP/TLS (the connection itself).
 */
public interface ClientLink {

    /** The loop that owns this 5-tuple; its allocation and relay socket live there too. */
    EventLoop eventLoop();

    InetSocketAddress clientAddress();

    Transport transport();

    /** The allocation on this 5-tuple, or null. */
    Allocation allocation();

    /** Records the allocation created on this 5-tuple. */
    void attach(Allocation allocation);

    /** Forgets the allocation, if it is still the one recorded. */
    void detach(Allocation allocation);

    /** RFC 8656 §12.5: ChannelData is padded to four bytes on streams. */
    boolean padsChannelData();

    /** Whether a write now would be sent soon rather than queue behind a full socket buffer. */
    boolean isWritable();

    /** Queues one whole frame (STUN message or ChannelData), taking ownership; sent at the next flush. */
    void write(ByteBuf frame);

    /** Queues one frame and sends everything queued. */
    void writeAndFlush(ByteBuf frame);
}
