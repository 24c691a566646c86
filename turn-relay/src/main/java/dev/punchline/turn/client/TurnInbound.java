package dev.punchline.turn.client;

import io.netty.buffer.ByteBuf;

/** What a transport tells the client core: the server's frames and the state of the path to it. */
public interface TurnInbound {

    /**
     * Offers one frame that came from the server. Returns whether the client took it: a response to one of
     * its requests (matched by transaction id), a Data indication or a ChannelData message. Anything else
     * (for example a Binding response to somebody else's transaction) is left for the caller to route.
     * The caller keeps ownership of {@code frame}; the client retains what it keeps beyond the call.
     * Any thread may call this.
     */
    boolean receive(ByteBuf frame);

    /** The transport cannot carry anything any more (TCP reset, socket closed): the allocation is lost. */
    void transportClosed(String reason);

    /**
     * A hint that the server may be gone, such as an ICMP port unreachable. Not proof (ICMP can be
     * transient or forged), so the client checks with a Refresh and declares the allocation lost only if
     * that fails.
     */
    void transportError(Throwable cause);
}
