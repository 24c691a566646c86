package dev.punchline.ice.net;

import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;

/**
 * How to open a {@link UdpEndpoint}.
 *
 * @param local              a concrete local address (never the wildcard); port 0 picks a free one
 * @param receiveBufferBytes SO_RCVBUF to ask for; Linux caps it at {@code net.core.rmem_max} (see
 *                           {@link UdpEndpoint#receiveBufferBytes()} for what was granted)
 * @param sendQueueBytes     bytes queued in the channel before {@link UdpEndpoint#send} drops (and counts)
 *                           instead of queueing without bound
 * @param group              the event loop group to run on, or null for a one-thread group of its own that
 *                           {@link UdpEndpoint#close()} shuts down
 * @param allowEpoll         false forces NIO even where epoll is available (tests of the fallback)
 */
public record UdpEndpointConfig(InetSocketAddress local, int receiveBufferBytes, int sendQueueBytes,
                                EventLoopGroup group, boolean allowEpoll) {
    /**
     * 4 MiB: 5,000 packets/s of 1,300 bytes for about half a second of stall (a GC pause) before the kernel
     * drops; Linux charges about twice the payload per queued datagram.
     */
    public static final int DEFAULT_RECEIVE_BUFFER = 4 << 20;
    /** 2 MiB: some 15 ms at 100,000 packets/s; a longer backlog is stale for real-time traffic anyway. */
    public static final int DEFAULT_SEND_QUEUE = 2 << 20;

    public UdpEndpointConfig {
        if (local == null || local.isUnresolved()) {
            throw new IllegalArgumentException("local address '" + local + "' is not a resolved socket address");
        }
        if (local.getAddress().isAnyLocalAddress()) {
            throw new IllegalArgumentException("local address " + local + " is the wildcard: ICE keys candidates"
                    + " on the concrete address, so open one UdpEndpoint per address (LocalAddresses.usable()"
                    + " lists them)");
        }
        if (receiveBufferBytes <= 0 || sendQueueBytes <= 0) {
            throw new IllegalArgumentException("receiveBufferBytes (" + receiveBufferBytes + ") and sendQueueBytes ("
                    + sendQueueBytes + ") must be positive");
        }
    }

    /** Defaults: 4 MiB receive buffer, 2 MiB send queue, a thread of its own, epoll where available. */
    public static UdpEndpointConfig of(InetSocketAddress local) {
        return new UdpEndpointConfig(local, DEFAULT_RECEIVE_BUFFER, DEFAULT_SEND_QUEUE, null, true);
    }

    public UdpEndpointConfig withReceiveBuffer(int bytes) {
        return new UdpEndpointConfig(local, bytes, sendQueueBytes, group, allowEpoll);
    }

    public UdpEndpointConfig withSendQueue(int bytes) {
        return new UdpEndpointConfig(local, receiveBufferBytes, bytes, group, allowEpoll);
    }

    /** Runs on {@code shared} (epoll or NIO, whichever it is); the endpoint never shuts it down. */
    public UdpEndpointConfig withGroup(EventLoopGroup shared) {
        return new UdpEndpointConfig(local, receiveBufferBytes, sendQueueBytes, shared, allowEpoll);
    }

    public UdpEndpointConfig withoutEpoll() {
        return new UdpEndpointConfig(local, receiveBufferBytes, sendQueueBytes, group, false);
    }
}
