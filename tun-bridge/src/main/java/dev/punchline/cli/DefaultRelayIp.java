package dev.punchline.cli;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;

/**
 * The address a relay bound to a wildcard listen address should relay from when the operator
 * gave no {@code --relay-ip}: the source address the kernel picks towards the Internet, or
 * failing that the first global address of an interface that is up.
 */
final class DefaultRelayIp {

    /** Documentation addresses (RFC 5737, RFC 3849): connecting a UDP socket to them sends nothing. */
    private static final InetSocketAddress PROBE_V4 = new InetSocketAddress(IpAddressConverter.parse("192.0.2.1"), 9);
    private static final InetSocketAddress PROBE_V6 = new InetSocketAddress(IpAddressConverter.parse("2001:db8::1"), 9);

    private DefaultRelayIp() {
    }

    static Optional<InetAddress> of(boolean ipv6) {
        return viaRoute(ipv6 ? PROBE_V6 : PROBE_V4).or(() -> firstGlobal(ipv6));
    }

    private static Optional<InetAddress> viaRoute(InetSocketAddress target) {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(target);
            InetAddress local = socket.getLocalAddress();
            return usable(local) ? Optional.of(local) : Optional.empty();
        } catch (IOException | RuntimeException noRoute) {
            return Optional.empty();
        }
    }

    private static Optional<InetAddress> firstGlobal(boolean ipv6) {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if ((address instanceof Inet6Address) == ipv6 && usable(address)) {
                        return Optional.of(address);
                    }
                }
            }
        } catch (SocketException e) {
            // No interface list: the caller reports that --relay-ip is needed.
        }
        return Optional.empty();
    }

    private static boolean usable(InetAddress address) {
        return !address.isAnyLocalAddress() && !address.isLoopbackAddress() && !address.isLinkLocalAddress()
                && !address.isMulticastAddress();
    }
}
