package dev.punchline.ice.net;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;

/** Where {@link Demultiplexer} delivers a datagram: an ICE agent's socket bridge, a Link, a media handler. */
@FunctionalInterface
public interface DatagramHandler {

    /**
     * Called on the socket's event loop (or the TURN client's thread for relayed datagrams): must not block.
     * {@code datagram} is lent for the call and released after it returns; {@code retain()} it to keep it
     * (cheap: it holds just the datagram, or a relayed payload's frame, never a 64 KB receive buffer).
     * An exception is caught, counted as {@link DropReason#HANDLER_FAILED} and logged.
     *
     * @param from the sender: the peer's address as our socket saw it, or as the TURN server saw it
     * @param via  direct, or relayed through which TURN server
     */
    void receive(ByteBuf datagram, InetSocketAddress from, Via via);
}
