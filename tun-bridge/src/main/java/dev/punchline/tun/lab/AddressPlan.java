package dev.punchline.tun.lab;

import java.util.List;

/**
 * Where everything sits. The internet uses documentation ranges, which no real host answers: public hosts at
 * 203.0.113.0/24, site routers' WAN addresses at 198.51.100.0/24 (one /30 link each), IPv6 in 2001:db8::/32 with
 * a /48 per site. Site LANs use private ranges the internet sinks: 10.SITE.0.0/24, or 192.168.SITE.0/24 behind a
 * carrier-grade NAT whose inside is 100.64.SITE.0/24. Sites and public hosts are numbered from 1 in declaration
 * order; that number is the third byte of their LAN and picks their /30.
 */
public final class AddressPlan {

    /** The short name of the internet router's namespace. */
    public static final String INTERNET = "inet";
    /** The short name of the namespace where private, CGNAT and unknown destinations vanish. */
    public static final String SINK = "sink";

    /** /30 links in a /24, minus the network's first. */
    public static final int MAX_ATTACHMENTS = 63;
    /** Addresses left in a /24 after the router's, with room to spare. */
    public static final int MAX_HOSTS_PER_SITE = 200;

    /** Ports a site NAT maps to; below Linux's ephemeral range (32768-60999), so a host's own port is never kept. */
    public static final int NAT_PORTS_MIN = 20000;
    public static final int NAT_PORTS_MAX = 29999;
    /** Ports a carrier-grade NAT maps to: apart from the home NAT's, so flushing either changes the public port. */
    public static final int CARRIER_PORTS_MIN = 10000;
    public static final int CARRIER_PORTS_MAX = 19999;

    /** Every public address of a lab: what a relay in the lab must allow as peers. */
    public static final List<String> PUBLIC_RANGES = List.of("203.0.113.0/24", "198.51.100.0/24", "2001:db8::/32");

    /** Routed from the internet into the sink, silently, as the real Internet drops them. */
    static final List<String> SUNK_RANGES = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
            "100.64.0.0/10", "0.0.0.0/0", "fc00::/7", "::/0");

    /** The policy-routing table that sends forwarded packets through the WAN emulator. */
    static final int WAN_TABLE = 100;

    private AddressPlan() {
    }

    /** Public host number {@code k}: the internet router is the near end. */
    static LinkPlan publicHost(int k) {
        return slash30("203.0.113.", k, "2001:db8:0:" + hex(k) + "::");
    }

    /** Site number {@code i}'s WAN link: the internet router near, the site's outermost router far. */
    static LinkPlan siteWan(int i) {
        return slash30("198.51.100.", i, "2001:db8:" + hex(i) + ":ff::");
    }

    /** Site number {@code i}'s link between its carrier-grade NAT (near) and its home router (far). */
    static LinkPlan carrierLink(int i) {
        return new LinkPlan("100.64." + i + ".1", "100.64." + i + ".2", 24,
                "2001:db8:" + hex(i) + ":fe::1", "2001:db8:" + hex(i) + ":fe::2");
    }

    /** The internet router (near) to the sink (far). */
    static LinkPlan sink() {
        return new LinkPlan("192.0.2.1", "192.0.2.2", 30, "2001:db8:0:ffff::1", "2001:db8:0:ffff::2");
    }

    static LanPlan siteLan(int i, NatKind kind) {
        String net4 = kind == NatKind.DOUBLE ? "192.168." + i + "." : "10." + i + ".0.";
        return new LanPlan(net4, "2001:db8:" + hex(i) + ":1::", "2001:db8:" + hex(i) + "::/48");
    }

    private static LinkPlan slash30(String net, int index, String net6) {
        checkIndex(index);
        return new LinkPlan(net + (4 * index + 1), net + (4 * index + 2), 30, net6 + "1", net6 + "2");
    }

    private static void checkIndex(int index) {
        if (index < 1 || index > MAX_ATTACHMENTS) {
            throw new IllegalArgumentException("attachment number " + index + " outside 1.." + MAX_ATTACHMENTS);
        }
    }

    private static String hex(int value) {
        return Integer.toHexString(value);
    }
}
