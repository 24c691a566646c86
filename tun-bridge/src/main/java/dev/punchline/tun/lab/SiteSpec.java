package dev.punchline.tun.lab;

import java.util.List;

/** One site of a {@link Topology}: a router of the given kind with its hosts on one LAN behind it. */
public record SiteSpec(String name, NatKind kind, List<String> hosts) {

    public SiteSpec {
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("site " + name + " has no host");
        }
    }
}
