package dev.punchline.ice.net;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;

/**
 * Where a component hands a finished datagram to be put on the wire: a UDP endpoint, or a
 * wrapper that frames it first (ChannelData towards a TURN server, a Link header towards a peer).
 *
 * <p>Ownership: {@code send} takes over the caller's reference to {@code datagram}. The
 * implementation releases it exactly once — after writing, or when it drops the datagram (closed
 * socket, full queue, error) — and never throws because of the network. A caller that still needs
 * the bytes afterwards passes {@code datagram.retain()} or {@code retainedDuplicate()}.
 * Implementations are safe to call from any thread.
 */
@FunctionalInterface
public interface DatagramSender {

    /** Sends {@code datagram} (whole, as one UDP payload) to {@code to}; takes over the reference. */
    void send(ByteBuf datagram, InetSocketAddress to);
}
