package dev.punchline.ice.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The concrete addresses a wildcard stands for, to open one {@link UdpEndpoint} per address: ICE needs to
 * know which address a candidate is on, and a socket bound to 0.0.0.0 cannot say.
 */
public final class LocalAddresses {
    private LocalAddresses() {
    }

    /**
     * The addresses of interfaces that are up, of {@code wildcard}'s family (0.0.0.0 or ::), without IPv6
     * link-local ones (useless beyond the link and scope-bound) and, unless {@code includeLoopback}, without
     * loopback. Empty when the host has none.
     */
    public static List<InetAddress> usable(InetAddress wildcard, boolean includeLoopback) throws SocketException {
        if (!wildcard.isAnyLocalAddress()) {
            return List.of(wildcard);
        }
        boolean ipv6 = wildcard instanceof Inet6Address;
        List<InetAddress> found = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || (nic.isLoopback() && !includeLoopback)) {
                continue;
            }
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                boolean familyMatches = ipv6 ? a instanceof Inet6Address : a instanceof Inet4Address;
                if (familyMatches && !a.isLinkLocalAddress() && (includeLoopback || !a.isLoopbackAddress())) {
                    found.add(a);
                }
            }
        }
        return List.copyOf(found);
    }
}
