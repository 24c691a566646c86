package dev.punchline.turn.server.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

/**
 * The addresses a wildcard UDP listener stands for. A socket bound to a wildcard answers from whatever source address
 * the kernel's route picks, which need not be the address the client sent to (a client then drops the answer), and it
 * cannot tell which local address a datagram came to, which is part of the 5-tuple; Netty exposes no IP_PKTINFO. So the
 * server binds one socket per address instead.
 */
@FunctionalInterface
public interface LocalAddresses {

    /** This host's interface addresses as they are when asked. */
    LocalAddresses HOST = new InterfaceAddresses();

    /**
     * What {@code wildcard} covers: for {@code 0.0.0.0} the IPv4 addresses, for {@code ::} the IPv6 and IPv4 ones (as a
     * dual-stack socket would serve); never a wildcard.
     */
    List<InetAddress> expand(InetAddress wildcard) throws IOException;
}
