package dev.punchline.turn.server.policy;

import static dev.punchline.turn.server.policy.PeerVerdict.ALLOWED;
import static dev.punchline.turn.server.policy.PeerVerdict.LOOPBACK;
import static dev.punchline.turn.server.policy.PeerVerdict.SERVER_ADDRESS;
import static dev.punchline.turn.server.policy.PeerVerdict.UNSPECIFIED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every IPv6 literal here reaches the policy as an {@link Inet6Address}, as a decoder reading
 * 16 bytes off the wire may hand it over: the JDK's own parser would quietly turn
 * {@code ::ffff:127.0.0.1} into an {@link Inet4Address} and hide the mapped form from the test.
 */
class PeerAddressPolicyTest {

    private static final PeerAddressPolicy DEFAULTS = PeerAddressPolicy.builder().build();

    @ParameterizedTest(name = "{0} is refused as {1}")
    @CsvSource({
            // unspecified, "this network" — CVE-2020-26262: most stacks deliver these to the host itself
            "0.0.0.0,                    UNSPECIFIED",
            "0.1.2.3,                    UNSPECIFIED",
            "::,                         UNSPECIFIED",
            "::ffff:0.0.0.0,             UNSPECIFIED",
            "::0.0.0.2,                  UNSPECIFIED",
            "64:ff9b::0.0.0.0,           UNSPECIFIED",
            "2002:0000:0001::1,          UNSPECIFIED",
            // loopback — CVE-2026-27624: ::ffff:127.0.0.1 slipped past a deny list written in IPv4
            "127.0.0.1,                  LOOPBACK",
            "127.255.255.254,            LOOPBACK",
            "::1,                        LOOPBACK",
            "::ffff:127.0.0.1,           LOOPBACK",
            "::ffff:7f00:1,              LOOPBACK",
            "::127.0.0.1,                LOOPBACK",
            "::ffff:0:127.0.0.1,         LOOPBACK",
            "64:ff9b::127.0.0.1,         LOOPBACK",
            "2002:7f00:0001::,           LOOPBACK",
            // link-local, the cloud metadata service included
            "169.254.169.254,            LINK_LOCAL",
            "169.254.0.1,                LINK_LOCAL",
            "::ffff:169.254.169.254,     LINK_LOCAL",
            "::169.254.169.254,          LINK_LOCAL",
            "64:ff9b::169.254.169.254,   LINK_LOCAL",
            "2002:a9fe:a9fe::1,          LINK_LOCAL",
            "fe80::1,                    LINK_LOCAL",
            "febf:ffff::1,               LINK_LOCAL",
            // multicast and broadcast
            "224.0.0.1,                  MULTICAST",
            "239.255.255.250,            MULTICAST",
            "::ffff:224.0.0.251,         MULTICAST",
            "::224.0.0.251,              MULTICAST",
            "ff02::1,                    MULTICAST",
            "ff0e::1,                    MULTICAST",
            "255.255.255.255,            BROADCAST",
            "::ffff:255.255.255.255,     BROADCAST",
            "64:ff9b::255.255.255.255,   BROADCAST",
            // reserved, and IPv6 outside 2000::/3
            "240.0.0.1,                  RESERVED",
            "254.255.255.255,            RESERVED",
            "::ffff:240.0.0.1,           RESERVED",
            "1000::1,                    RESERVED",
            "4000::1,                    RESERVED",
            "8000::1,                    RESERVED",
            // documentation
            "192.0.2.1,                  DOCUMENTATION",
            "198.51.100.7,               DOCUMENTATION",
            "203.0.113.200,              DOCUMENTATION",
            "::ffff:192.0.2.1,           DOCUMENTATION",
            "2001:db8::1,                DOCUMENTATION",
            "3fff:fff::1,                DOCUMENTATION",
            // RFC 1918, CGNAT, ULA, site-local
            "10.0.0.1,                   PRIVATE",
            "172.16.0.1,                 PRIVATE",
            "172.31.255.255,             PRIVATE",
            "192.168.1.1,                PRIVATE",
            "::ffff:10.0.0.1,            PRIVATE",
            "::10.1.2.3,                 PRIVATE",
            "::ffff:0:192.168.0.1,       PRIVATE",
            "64:ff9b::10.0.0.1,          PRIVATE",
            "2002:c0a8:0101::1,          PRIVATE",
            "100.64.0.1,                 SHARED",
            "100.127.255.254,            SHARED",
            "::ffff:100.64.0.1,          SHARED",
            "fc00::1,                    UNIQUE_LOCAL",
            "fd12:3456:789a::1,          UNIQUE_LOCAL",
            "fec0::1,                    SITE_LOCAL",
            // the rest of IANA's special-purpose registries
            "192.0.0.9,                  SPECIAL_PURPOSE",
            "192.88.99.1,                SPECIAL_PURPOSE",
            "198.18.0.1,                 SPECIAL_PURPOSE",
            "198.19.255.255,             SPECIAL_PURPOSE",
            "100::1,                     SPECIAL_PURPOSE",
            "64:ff9b:1::1,               SPECIAL_PURPOSE",
            "2001:2::1,                  SPECIAL_PURPOSE",
    })
    void refusesSpecialPurposeAddressesByDefault(String literal, PeerVerdict expected) {
        assertEquals(expected, DEFAULTS.check(peer(literal)));
        assertEquals(expected, DEFAULTS.check(new InetSocketAddress(peer(literal), 3480)));
        assertFalse(expected.allowed());
    }

    @ParameterizedTest(name = "{0} is allowed")
    @ValueSource(strings = {
            "8.8.8.8",
            "1.1.1.1",
            "9.255.255.255",
            "11.0.0.0",
            "100.63.255.255",
            "100.128.0.0",
            "172.15.255.255",
            "172.32.0.0",
            "169.253.255.255",
            "198.17.255.255",
            "198.20.0.0",
            "223.255.255.255",
            "::ffff:8.8.8.8",
            "::8.8.8.8",
            "64:ff9b::8.8.8.8",
            "2002:0808:0808::1",
            "2001:4860:4860::8888",
            "2606:4700::1111",
            "3fff:1000::1",
    })
    void allowsGlobalUnicastAddresses(String literal) {
        assertEquals(ALLOWED, DEFAULTS.check(peer(literal)));
    }

    @Test
    void cve_2020_26262_theUnspecifiedAddressNeverReachesLoopback() {
        PeerAddressPolicy loopbackOpened = policyAllowing("127.0.0.0/8", "::1/128");
        for (String literal : List.of("0.0.0.0", "::", "::ffff:0.0.0.0", "0.0.0.1")) {
            assertEquals(UNSPECIFIED, loopbackOpened.check(peer(literal)), literal);
        }
    }

    @Test
    void cve_2026_27624_everyFormOfLoopbackIsLoopback() {
        for (String literal : List.of("127.0.0.1", "::ffff:127.0.0.1", "::127.0.0.1", "::ffff:0:127.0.0.1",
                "64:ff9b::127.0.0.1", "2002:7f00:1::1")) {
            assertEquals(LOOPBACK, DEFAULTS.check(peer(literal)), literal);
        }
    }

    @ParameterizedTest(name = "--allow-peer {0} opens {1}")
    @CsvSource({
            "10.0.0.0/8,        10.1.2.3",
            "10.0.0.0/8,        ::ffff:10.1.2.3",
            "10.0.0.0/8,        ::10.1.2.3",
            "10.0.0.0/8,        64:ff9b::10.1.2.3",
            "10.0.0.0/8,        2002:0a01:0203::1",
            "172.16.0.0/12,     172.20.0.1",
            "192.168.1.0/24,    192.168.1.9",
            "100.64.0.0/10,     100.64.0.1",
            "127.0.0.0/8,       127.0.0.1",
            "127.0.0.0/8,       ::ffff:127.0.0.1",
            "::1/128,           ::1",
            "fd00::/8,          fd00::1",
            "fc00::/7,          fc00::1",
            "fec0::/10,         fec0::1",
            "240.0.0.0/4,       240.0.0.1",
            "203.0.113.0/24,    203.0.113.9",
            "2001:db8::/32,     2001:db8::9",
            "198.18.0.0/15,     198.18.0.1",
            "::ffff:10.0.0.0/104, 10.9.9.9",
    })
    void allowedRangesOpenWhatTheyList(String range, String literal) {
        assertEquals(ALLOWED, policyAllowing(range).check(peer(literal)));
    }

    @ParameterizedTest(name = "--allow-peer {0} leaves {1} refused as {2}")
    @CsvSource({
            "127.0.0.0/8,       ::1,               LOOPBACK",
            "::1/128,           127.0.0.1,         LOOPBACK",
            "192.168.1.0/24,    192.168.2.1,       PRIVATE",
            "fd00::/8,          fc00::1,           UNIQUE_LOCAL",
            "10.0.0.0/8,        172.16.0.1,        PRIVATE",
            "10.0.0.0/8,        127.0.0.1,         LOOPBACK",
            "240.0.0.0/4,       255.255.255.255,   BROADCAST",
            "127.0.0.0/8,       0.0.0.0,           UNSPECIFIED",
    })
    void allowedRangesOpenNothingElse(String range, String literal, PeerVerdict expected) {
        assertEquals(expected, policyAllowing(range).check(peer(literal)));
    }

    @ParameterizedTest(name = "--allow-peer {0} is refused")
    @ValueSource(strings = {
            "0.0.0.0/0",            // would open loopback and every private network at once
            "::/0",
            "0.0.0.0/8",
            "0.0.0.0/32",
            "::/128",
            "224.0.0.0/4",
            "ff00::/8",
            "255.255.255.255/32",
            "169.254.0.0/16",       // cloud metadata
            "169.254.169.254/32",
            "fe80::/10",
            "8.8.8.0/24",           // public: allowed anyway
            "10.0.0.0/7",           // reaches past 10.0.0.0/8 into public space
            "126.0.0.0/7",
            "2002::/16",            // 6to4 and NAT64 are judged by the IPv4 address they embed
            "64:ff9b::/96",
            "64:ff9b::a00:0/104",
            "::a00:0/104",          // IPv4-compatible: allow 10.0.0.0/8 instead
            "::ffff:0:a00:0/104",
            "::/96",
    })
    void refusesAllowedRangesThatOpenTooMuchOrTheUnopenable(String range) {
        Cidr cidr = Cidr.parse(range);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PeerAddressPolicy.builder().allow(cidr).build());
        assertTrue(e.getMessage().contains(cidr.toString()), e.getMessage());
    }

    @Test
    void refusesThisServersPublicAddressInEveryForm() {
        InetAddress relay = peer("93.184.216.34");
        PeerAddressPolicy policy = PeerAddressPolicy.builder().serverAddress(relay).build();
        assertEquals(SERVER_ADDRESS, policy.check(relay));
        assertEquals(SERVER_ADDRESS, policy.check(peer("::ffff:93.184.216.34")));
        assertEquals(SERVER_ADDRESS, policy.check(new InetSocketAddress(relay, 50000)));
        assertEquals(ALLOWED, policy.check(peer("93.184.216.35")));
    }

    @Test
    void refusesThisServersIpv6Address() {
        InetAddress relay = peer("2a00:1450::1");
        PeerAddressPolicy policy = PeerAddressPolicy.builder().listenAddress(new InetSocketAddress(relay, 3478)).build();
        assertEquals(SERVER_ADDRESS, policy.check(new InetSocketAddress(relay, 40000)));
        assertEquals(ALLOWED, policy.check(peer("2a00:1450::2")));
    }

    @Test
    void onLoopbackOpenedForTestsOnlyTheListeningPortsStayRefused() {
        InetAddress loopback = peer("127.0.0.1");
        PeerAddressPolicy policy = PeerAddressPolicy.builder()
                .allow(Cidr.parse("127.0.0.0/8"))
                .listenAddress(new InetSocketAddress(loopback, 3478))
                .serverAddress(loopback)
                .build();
        assertEquals(SERVER_ADDRESS, policy.check(new InetSocketAddress(loopback, 3478)));
        assertEquals(SERVER_ADDRESS, policy.check(new InetSocketAddress(peer("::ffff:127.0.0.1"), 3478)));
        assertEquals(ALLOWED, policy.check(new InetSocketAddress(loopback, 40000)));
        assertEquals(ALLOWED, policy.check(new InetSocketAddress(peer("127.0.0.2"), 3478)));
        assertEquals(ALLOWED, policy.check(loopback));
    }

    @Test
    void aWildcardListenerMakesEveryLocalAddressTheServers() throws SocketException {
        PeerAddressPolicy policy = PeerAddressPolicy.builder()
                .allow(Cidr.parse("127.0.0.0/8"))
                .listenAddress(new InetSocketAddress(peer("0.0.0.0"), 3478))
                .build();
        assertEquals(SERVER_ADDRESS, policy.check(new InetSocketAddress(peer("127.0.0.1"), 3478)));
        assertEquals(ALLOWED, policy.check(new InetSocketAddress(peer("127.0.0.1"), 3479)));
        List<InetAddress> local = NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses).toList();
        assertFalse(local.isEmpty());
        for (InetAddress address : local) {
            assertNotEquals(ALLOWED, policy.check(new InetSocketAddress(address, 3478)), address.toString());
            if (!address.isLoopbackAddress()) {
                assertNotEquals(ALLOWED, policy.check(address), address.toString());
            }
        }
    }

    @ParameterizedTest(name = "{0} is the IPv4 address {1}")
    @CsvSource({
            "::ffff:127.0.0.1,   127.0.0.1",
            "::ffff:8.8.8.8,     8.8.8.8",
            "::10.1.2.3,         10.1.2.3",
            "::0.0.0.2,          0.0.0.2",
    })
    void canonicalizesMappedAndCompatibleFormsToIpv4(String literal, String ipv4) {
        InetAddress canonical = PeerAddressPolicy.canonicalize(peer(literal));
        assertInstanceOf(Inet4Address.class, canonical);
        assertEquals(peer(ipv4), canonical);
    }

    @ParameterizedTest(name = "{0} stays as it is")
    @ValueSource(strings = {"::", "::1", "64:ff9b::8.8.8.8", "2002:808:808::1", "2001:db8::1", "fe80::1", "8.8.8.8"})
    void leavesEveryOtherAddressAlone(String literal) {
        InetAddress address = peer(literal);
        assertSame(address, PeerAddressPolicy.canonicalize(address));
    }

    @Test
    void everyRefusalHasAReasonToGive() {
        for (PeerVerdict verdict : PeerVerdict.values()) {
            assertFalse(verdict.reason().isBlank(), verdict.name());
        }
    }

    private static PeerAddressPolicy policyAllowing(String... ranges) {
        PeerAddressPolicy.Builder builder = PeerAddressPolicy.builder();
        Arrays.stream(ranges).map(Cidr::parse).forEach(builder::allow);
        return builder.build();
    }

    /** The literal as a decoder hands it over: an IPv6 literal stays an {@link Inet6Address}. */
    private static InetAddress peer(String literal) {
        try {
            InetAddress parsed = InetAddress.getByName(literal);
            if (!literal.contains(":") || parsed instanceof Inet6Address) {
                return parsed;
            }
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xFF;
            mapped[11] = (byte) 0xFF;
            System.arraycopy(parsed.getAddress(), 0, mapped, 12, 4);
            return Inet6Address.getByAddress(null, mapped, -1);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
