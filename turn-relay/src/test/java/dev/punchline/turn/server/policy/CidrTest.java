package dev.punchline.turn.server.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @ParameterizedTest(name = "{0} holds {1}: {2}")
    @CsvSource({
            "10.0.0.0/8,        10.0.0.0,          true",
            "10.0.0.0/8,        10.255.255.255,    true",
            "10.0.0.0/8,        11.0.0.0,          false",
            "10.0.0.0/8,        9.255.255.255,     false",
            "172.16.0.0/12,     172.31.255.255,    true",
            "172.16.0.0/12,     172.32.0.0,        false",
            "100.64.0.0/10,     100.127.0.1,       true",
            "100.64.0.0/10,     100.128.0.1,       false",
            "192.0.2.7,         192.0.2.7,         true",
            "192.0.2.7,         192.0.2.8,         false",
            "0.0.0.0/0,         255.255.255.255,   true",
            "0.0.0.0/0,         ::,                false",
            "fc00::/7,          fdff:ffff::1,      true",
            "fc00::/7,          fe00::,            false",
            "fe80::/10,         febf::1,           true",
            "fe80::/10,         fec0::1,           false",
            "::/0,              2001:db8::1,       true",
            "::/0,              10.0.0.1,          false",
            "2001:db8::1,       2001:db8::1,       true",
            "2001:db8::1,       2001:db8::2,       false",
    })
    void containsExactlyTheAddressesOfItsPrefix(String range, String literal, boolean expected) {
        assertEquals(expected, Cidr.parse(range).contains(address(literal)));
    }

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource({
            "10.0.0.0/8,           10.0.0.0/8",
            "192.0.2.1,            192.0.2.1/32",
            "2001:DB8:0:0::/32,    2001:db8::/32",
            "::1,                  ::1/128",
            "::ffff:10.0.0.0/104,  10.0.0.0/8",
            "::ffff:127.0.0.1,     127.0.0.1/32",
    })
    void printsTheCanonicalForm(String text, String expected) {
        assertEquals(expected, Cidr.parse(text).toString());
    }

    @Test
    void anIpv4MappedRangeIsTheIpv4RangeItMaps() {
        assertEquals(Cidr.parse("10.0.0.0/8"), Cidr.parse("::ffff:10.0.0.0/104"));
    }

    @Test
    void containsAWholeRangeOnlyWhenItIsNoWider() {
        Cidr tenSlashEight = Cidr.parse("10.0.0.0/8");
        assertTrue(tenSlashEight.contains(Cidr.parse("10.1.0.0/16")));
        assertTrue(tenSlashEight.contains(tenSlashEight));
        assertFalse(tenSlashEight.contains(Cidr.parse("10.0.0.0/7")));
        assertFalse(tenSlashEight.contains(Cidr.parse("11.0.0.0/16")));
        assertFalse(Cidr.parse("::/0").contains(Cidr.parse("10.0.0.0/8")));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {
            "10.0.0.1/8",           // host bits set
            "10.0.0.0/33",
            "::/129",
            "10.0.0.0/",
            "10.0.0.0/-1",
            "10.0.0.0/8/8",
            "10.0.0.0/ 8",
            " 10.0.0.0/8",
            "",
            "10.0.0/8",             // the JDK would read this as 10.0.0.0
            "10",
            "1.2.3.256",
            "010.0.0.0/8",          // octal or decimal? refuse rather than guess
            "::ffff:010.0.0.1",
            "example.com/8",        // never a DNS lookup
            "localhost",
            "[::1]/128",
            "fe80::1%eth0/128",
            "::ffff:10.0.0.0/8",    // a mapped range counts its prefix from bit 0 of the IPv6 address
            "1:2:3:4:5:6:7:8:9/64",
    })
    void refusesMalformedTextNamingIt(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }

    @Test
    void saysHowToFixHostBits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.1.2.3/8"));
        assertTrue(e.getMessage().contains("10.0.0.0/8"), e.getMessage());
    }

    @Test
    void refusesAMissingRange() {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse(null));
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
