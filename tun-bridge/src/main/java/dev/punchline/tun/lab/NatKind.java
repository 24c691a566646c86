package dev.punchline.tun.lab;

/**
 * How a site's router treats its hosts' traffic. Every kind also firewalls IPv6 statefully (outbound and replies
 * pass, unsolicited inbound is dropped: the common home router), and drops unsolicited packets to the router
 * itself (LAB.md: without that, a punch packet arriving first is accepted locally and its conntrack entry makes the
 * host's own outgoing packet get another port).
 */
public enum NatKind {

    /**
     * Endpoint-independent mapping with port-restricted filtering: one public port per host socket whatever the
     * destination, inbound only from an address and port the host has sent to. Hole punching works. Mapped ports
     * are drawn at random from {@link AddressPlan#NAT_PORTS_MIN}..{@link AddressPlan#NAT_PORTS_MAX}, which lies
     * below the hosts' ephemeral range, so a rebinding (conntrack flushed) gives a new public port.
     */
    PORT_RESTRICTED,

    /** A new random public port for every destination ({@code masquerade random,fully-random}): punching fails. */
    SYMMETRIC,

    /**
     * A home NAT (port-restricted, private LAN in 192.168.0.0/16) behind a carrier-grade NAT (also
     * port-restricted, with the home router's WAN in 100.64.0.0/10): both endpoint-independent, so punching works.
     */
    DOUBLE,

    /** A port-restricted NAT whose firewall drops all UDP, both ways: only TCP gets out (a strict corporate LAN). */
    UDP_BLOCKED
}
