package dev.punchline.tun.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a {@link Topology} turns into, worked out before anything is created: the namespaces (by short name),
 * the veth pairs, and per namespace its sysctls, {@code ip} commands and nftables rules. Pure data, so a mistake in
 * the address plan shows in a unit test rather than as a packet that never arrives.
 */
final class LabPlan {

    /** Short names of every namespace, in creation order. */
    final List<String> namespaces = new ArrayList<>();
    /** {@code ip -batch} lines, run in the root context, that create each veth pair straight inside its namespaces. */
    final List<String> veths = new ArrayList<>();
    /** Per namespace: {@code /proc/sys/net/...} paths (below {@code net/}) and the values to write there. */
    final Map<String, Map<String, String>> sysctls = new LinkedHashMap<>();
    /** Per namespace: {@code ip -batch} lines, run inside it. */
    final Map<String, List<String>> ip = new LinkedHashMap<>();
    /** Per namespace: an nftables script, loaded inside it. */
    final Map<String, String> nft = new LinkedHashMap<>();
    /** The internet router's interfaces whose arriving packets cross the WAN emulator. */
    final List<String> wanLinks = new ArrayList<>();
    final List<HostPlan> hosts = new ArrayList<>();
    final List<SitePlan> sites = new ArrayList<>();

    private final LabPrefix prefix;

    private LabPlan(LabPrefix prefix) {
        this.prefix = prefix;
    }

    static LabPlan of(Topology topology, LabPrefix prefix) {
        LabPlan plan = new LabPlan(prefix);
        plan.internetAndSink();
        int k = 1;
        for (String name : topology.publicHosts()) {
            plan.publicHost(name, AddressPlan.publicHost(k++));
        }
        int i = 1;
        for (SiteSpec site : topology.sites()) {
            plan.site(site, i++);
        }
        return plan;
    }

    private void internetAndSink() {
        String inet = AddressPlan.INTERNET;
        String sink = AddressPlan.SINK;
        namespace(inet, true);
        namespace(sink, false);
        LinkPlan link = AddressPlan.sink();
        veth(inet, "sink", sink, "eth0");
        // rp_filter off: packets coming back out of the WAN emulator's TUN device arrive on an interface that is
        // not the route back to their source.
        sysctls.get(inet).put("ipv4/conf/all/rp_filter", "0");
        sysctls.get(inet).put("ipv4/conf/default/rp_filter", "0");
        List<String> lines = ip.get(inet);
        configure(lines, "sink", link.near4Cidr(), link.near6Cidr());
        for (String range : AddressPlan.SUNK_RANGES) {
            lines.add("route add " + range + " via " + (range.contains(":") ? link.far6() : link.far4()));
        }
        nft.put(inet, RouterRules.internet());
        // The sink never forwards (forwarding stays off): what is routed there vanishes without an ICMP error.
        configure(ip.get(sink), "eth0", link.far4Cidr(), link.far6Cidr());
    }

    private void publicHost(String name, LinkPlan link) {
        namespace(name, false);
        String inetSide = "w-" + name;
        veth(AddressPlan.INTERNET, inetSide, name, "eth0");
        configure(ip.get(AddressPlan.INTERNET), inetSide, link.near4Cidr(), link.near6Cidr());
        wanLinks.add(inetSide);
        configure(ip.get(name), "eth0", link.far4Cidr(), link.far6Cidr());
        defaultRoutes(name, link.near4(), link.near6());
        hosts.add(new HostPlan(name, link.far4(), link.far6(), link.far4(), null));
    }

    private void site(SiteSpec spec, int i) {
        LinkPlan wan = AddressPlan.siteWan(i);
        LanPlan lan = AddressPlan.siteLan(i, spec.kind());
        String router = spec.name();
        List<String> routers = new ArrayList<>();
        String outer = router;
        if (spec.kind() == NatKind.DOUBLE) {
            outer = router + "-cgn";
            routers.add(outer);
            namespace(outer, true);
            LinkPlan inside = AddressPlan.carrierLink(i);
            configure(ip.get(outer), "lan", inside.near4Cidr(), inside.near6Cidr());
            ip.get(outer).add("route add " + lan.site6() + " via " + inside.far6());
            nft.put(outer, RouterRules.natRouter(spec.kind(), true));
            namespace(router, true);
            veth(outer, "lan", router, "wan");
            configure(ip.get(router), "wan", inside.far4Cidr(), inside.far6Cidr());
            defaultRoutes(router, inside.near4(), inside.near6());
        } else {
            namespace(router, true);
        }
        routers.add(router);
        String inetSide = "w-" + spec.name();
        veth(AddressPlan.INTERNET, inetSide, outer, "wan");
        wanLinks.add(inetSide);
        List<String> inet = ip.get(AddressPlan.INTERNET);
        configure(inet, inetSide, wan.near4Cidr(), wan.near6Cidr());
        inet.add("route add " + lan.site6() + " via " + wan.far6());
        configure(ip.get(outer), "wan", wan.far4Cidr(), wan.far6Cidr());
        defaultRoutes(outer, wan.near4(), wan.near6());
        nft.put(router, RouterRules.natRouter(spec.kind(), false));

        List<String> lines = ip.get(router);
        lines.add("link add lan type bridge");
        configure(lines, "lan", lan.router4Cidr(), lan.router6Cidr());
        for (int position = 0; position < spec.hosts().size(); position++) {
            String host = spec.hosts().get(position);
            namespace(host, false);
            veth(router, "l-" + host, host, "eth0");
            lines.add("link set l-" + host + " master lan");
            lines.add("link set l-" + host + " up");
            configure(ip.get(host), "eth0", lan.host4(position) + "/" + LanPlan.PREFIX4,
                    lan.host6(position) + "/" + LinkPlan.PREFIX6);
            defaultRoutes(host, lan.router4(), lan.router6());
            hosts.add(new HostPlan(host, lan.host4(position), lan.host6(position), wan.far4(), spec.name()));
        }
        sites.add(new SitePlan(spec.name(), spec.kind(), routers, spec.hosts(), wan.far4()));
    }

    private void namespace(String name, boolean router) {
        namespaces.add(name);
        Map<String, String> values = new LinkedHashMap<>();
        // Addresses are usable at once: duplicate address detection would hold them tentative for a second or two.
        values.put("ipv6/conf/all/accept_dad", "0");
        values.put("ipv6/conf/default/accept_dad", "0");
        if (router) {
            values.put("ipv4/ip_forward", "1");
            values.put("ipv6/conf/all/forwarding", "1");
        }
        sysctls.put(name, values);
        List<String> lines = new ArrayList<>();
        lines.add("link set lo up");
        ip.put(name, lines);
    }

    private void veth(String namespaceA, String nameA, String namespaceB, String nameB) {
        veths.add("link add " + nameA + " netns " + prefix.namespace(namespaceA) + " type veth peer name " + nameB
                + " netns " + prefix.namespace(namespaceB));
    }

    private static void configure(List<String> lines, String device, String cidr4, String cidr6) {
        lines.add("address add " + cidr4 + " dev " + device);
        lines.add("address add " + cidr6 + " dev " + device + " nodad");
        lines.add("link set " + device + " up");
    }

    private void defaultRoutes(String namespace, String gateway4, String gateway6) {
        ip.get(namespace).add("route add 0.0.0.0/0 via " + gateway4);
        ip.get(namespace).add("route add ::/0 via " + gateway6);
    }
}
