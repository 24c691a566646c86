package dev.punchline.turn.server.transport;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link LocalAddresses} from the interfaces that are up. IPv6 link-local addresses are left out: a client never reaches
 * a TURN server by one, and answering on one needs its interface's scope.
 */
final class InterfaceAddresses implements LocalAddresses {

    @Override
    public List<InetAddress> expand(InetAddress wildcard) throws IOException {
        boolean withIpv6 = wildcard instanceof Inet6Address;
        Set<InetAddress> addresses = new LinkedHashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (!(address instanceof Inet6Address)) {
                        addresses.add(address);
                    } else if (withIpv6 && !address.isLinkLocalAddress()) {
                        // Without the %interface scope Java attaches: a global address needs none, and logs read better.
                        addresses.add(InetAddress.getByAddress(address.getAddress()));
                    }
                }
            }
        } catch (SocketException e) {
            throw new IOException("cannot list this host's addresses: " + e.getMessage(), e);
        }
        return new ArrayList<>(addresses);
    }
}
