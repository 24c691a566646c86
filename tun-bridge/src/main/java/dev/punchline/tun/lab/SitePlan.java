package dev.punchline.tun.lab;

import java.util.List;

/**
 * One site as built: its NAT routers' namespace short names from the internet inwards (two for a double NAT),
 * its hosts, and its public IPv4 address.
 */
record SitePlan(String name, NatKind kind, List<String> routers, List<String> hosts, String public4) {

    SitePlan {
        routers = List.copyOf(routers);
        hosts = List.copyOf(hosts);
    }
}
