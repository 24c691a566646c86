package dev.punchline.tun.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabPlanTest {

    private static final LabPrefix PREFIX = new LabPrefix(42, 7);

    private final LabPlan plan = LabPlan.of(Topology.builder()
            .publicHost("relay")
            .site("home", NatKind.PORT_RESTRICTED, "alice", "alice2")
            .site("far", NatKind.DOUBLE, "dora")
            .build(), PREFIX);

    @Test
    void everyPartGetsANamespace() {
        assertEquals(List.of("inet", "sink", "relay", "home", "alice", "alice2", "far-cgn", "far", "dora"),
                plan.namespaces);
    }

    @Test
    void hostsSitWhereTheAddressPlanSays() {
        assertEquals(new HostPlan("relay", "203.0.113.6", "2001:db8:0:1::2", "203.0.113.6", null), plan.hosts.get(0));
        assertEquals(new HostPlan("alice", "10.1.0.2", "2001:db8:1:1::2", "198.51.100.6", "home"), plan.hosts.get(1));
        assertEquals(new HostPlan("alice2", "10.1.0.3", "2001:db8:1:1::3", "198.51.100.6", "home"), plan.hosts.get(2));
        assertEquals(new HostPlan("dora", "192.168.2.2", "2001:db8:2:1::2", "198.51.100.10", "far"), plan.hosts.get(3));
    }

    @Test
    void aDoubleNatSiteHasTheCarrierOutside() {
        SitePlan far = plan.sites.get(1);

        assertEquals(List.of("far-cgn", "far"), far.routers());
        assertTrue(plan.ip.get("far").contains("address add 100.64.2.2/24 dev wan"), plan.ip.get("far").toString());
        assertTrue(plan.nft.get("far-cgn").contains("masquerade to :10000-19999"), plan.nft.get("far-cgn"));
        assertTrue(plan.nft.get("far").contains("masquerade to :20000-29999"), plan.nft.get("far"));
    }

    @Test
    void vethsAreCreatedStraightInsideTheirNamespaces() {
        assertTrue(plan.veths.contains("link add w-home netns pl42-7-inet type veth peer name wan netns pl42-7-home"),
                plan.veths.toString());
        assertTrue(plan.veths.stream().allMatch(line -> line.matches("link add \\S+ netns pl42-7-\\S+ type veth "
                + "peer name \\S+ netns pl42-7-\\S+")), plan.veths.toString());
    }

    @Test
    void privateAndUnknownDestinationsAreRoutedIntoTheSink() {
        List<String> internet = plan.ip.get("inet");

        for (String range : List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "0.0.0.0/0")) {
            assertTrue(internet.contains("route add " + range + " via 192.0.2.2"), range);
        }
        assertTrue(internet.contains("route add fc00::/7 via 2001:db8:0:ffff::2"), internet.toString());
        assertTrue(internet.contains("route add ::/0 via 2001:db8:0:ffff::2"), internet.toString());
        assertEquals(List.of("w-relay", "w-home", "w-far"), plan.wanLinks);
    }

    @Test
    void onlyRoutersForward() {
        assertEquals("1", plan.sysctls.get("home").get("ipv4/ip_forward"));
        assertEquals(null, plan.sysctls.get("sink").get("ipv4/ip_forward"));
        assertEquals(null, plan.sysctls.get("alice").get("ipv4/ip_forward"));
    }
}
