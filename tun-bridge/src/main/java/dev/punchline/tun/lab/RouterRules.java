package dev.punchline.tun.lab;

/**
 * The nftables rule sets of the lab's routers. A NAT router's interfaces are {@code wan} (towards the internet) and
 * anything else (its LAN side); the recipes are LAB.md's, checked on these machines.
 */
final class RouterRules {

    /** The internet router's table of cuts: one set of dropped (source, destination) pairs per address family. */
    static final String FAULTS_TABLE = "faults";
    static final String CUTS4 = "cuts4";
    static final String CUTS6 = "cuts6";

    private RouterRules() {
    }

    /**
     * A site router: a stateful firewall for both families (replies and LAN-initiated traffic pass, unsolicited
     * inbound is dropped: port-restricted filtering for IPv4, the common IPv6 home firewall), an input chain that
     * drops unsolicited packets to the router itself but lets neighbour discovery through, and IPv4 NAT.
     */
    static String natRouter(NatKind kind, boolean carrier) {
        String udpBlock = kind == NatKind.UDP_BLOCKED ? "    meta l4proto udp drop\n" : "";
        String masquerade;
        if (kind == NatKind.SYMMETRIC) {
            masquerade = "    oifname \"wan\" masquerade random,fully-random\n";
        } else {
            int min = carrier ? AddressPlan.CARRIER_PORTS_MIN : AddressPlan.NAT_PORTS_MIN;
            int max = carrier ? AddressPlan.CARRIER_PORTS_MAX : AddressPlan.NAT_PORTS_MAX;
            // A mapped port outside the host's own makes Linux reuse an existing mapping of the same source
            // (endpoint-independent) and draw a fresh random one once the mappings are flushed (a rebinding).
            masquerade = "    oifname \"wan\" meta l4proto { tcp, udp } masquerade to :" + min + "-" + max + "\n"
                    + "    oifname \"wan\" masquerade\n";
        }
        return "table inet lab {\n"
                + "  chain input {\n"
                + "    type filter hook input priority 0; policy drop;\n"
                + "    ct state established,related accept\n"
                + "    iifname != \"wan\" accept\n"
                + "    icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert } accept\n"
                + "  }\n"
                // "fwd" is an nft keyword, hence "fw".
                + "  chain fw {\n"
                + "    type filter hook forward priority 0; policy drop;\n"
                + udpBlock
                + "    ct state established,related accept\n"
                + "    iifname != \"wan\" accept\n"
                + "  }\n"
                + "}\n"
                + "table ip nat {\n"
                + "  chain post {\n"
                + "    type nat hook postrouting priority 100;\n"
                + masquerade
                + "  }\n"
                + "}\n";
    }

    /** The internet router forwards everything, except the (source, destination) pairs a cut put in its sets. */
    static String internet() {
        return "table inet " + FAULTS_TABLE + " {\n"
                + "  set " + CUTS4 + " { type ipv4_addr . ipv4_addr; }\n"
                + "  set " + CUTS6 + " { type ipv6_addr . ipv6_addr; }\n"
                + "  chain fw {\n"
                + "    type filter hook forward priority 0; policy accept;\n"
                + "    ip saddr . ip daddr @" + CUTS4 + " drop\n"
                + "    ip6 saddr . ip6 daddr @" + CUTS6 + " drop\n"
                + "  }\n"
                + "}\n";
    }
}
