package dev.punchline.turn.server.policy;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class SourcePrefixTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void ipv4CountsByAddressAndItsMappedFormIsTheSameSource() throws Exception {
        assertEquals(ip("192.0.2.7"), SourcePrefix.of(ip("192.0.2.7")));
        assertEquals(ip("192.0.2.7"), SourcePrefix.of(ip("::ffff:192.0.2.7")));
        assertNotEquals(SourcePrefix.of(ip("192.0.2.7")), SourcePrefix.of(ip("192.0.2.8")));
    }

    @Test
    void ipv6CountsByItsSlash64() throws Exception {
        assertEquals(ip("2001:db8:1:2::"), SourcePrefix.of(ip("2001:db8:1:2:aaaa:bbbb:cccc:dddd")));
        assertEquals(SourcePrefix.of(ip("2001:db8:1:2::1")), SourcePrefix.of(ip("2001:db8:1:2::2")));
        assertNotEquals(SourcePrefix.of(ip("2001:db8:1:2::1")), SourcePrefix.of(ip("2001:db8:1:3::1")));
    }
}
