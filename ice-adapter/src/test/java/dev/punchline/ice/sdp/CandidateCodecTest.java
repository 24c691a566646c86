package dev.punchline.ice.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CandidateCodecTest {

    /**
     * Lines as deployed agents write them (addresses moved to documentation ranges): written back unchanged,
     * apart from the transport, which we write in the RFC's upper case.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        // Chrome: lower-case transport, generation / network-id / network-cost / ufrag extensions
        "candidate:842163049 1 udp 1677729535 203.0.113.7 54400 typ srflx raddr 192.168.1.20 rport 54400"
                + " generation 0 ufrag sXbF network-cost 999",
        "candidate:1527070295 1 tcp 1518280447 10.13.125.2 9 typ host tcptype active generation 0",
        "candidate:2878742611 1 udp 2130706431 127.0.0.1 8189 typ host ufrag RxGIWAxyxGMCWhNj",
        "candidate:3885250869 1 udp 2122262783 2001:db8::5c7f:1 58811 typ host generation 0 network-id 2",
        "candidate:1 1 udp 2113937151 6a7e0df7-6b69-4d0a-b1a5-1c2cc3b4e8d5.local 56565 typ host generation 0"
                + " network-cost 999",
        "candidate:2 1 udp 1677729535 198.51.100.9 51234 typ srflx raddr 0.0.0.0 rport 0 generation 0"
                + " network-cost 999",
        // Firefox
        "candidate:0 1 UDP 2122252543 192.168.0.14 44440 typ host",
        "candidate:2 1 TCP 2105508095 192.168.0.14 52564 typ host tcptype passive",
        "candidate:28 1 UDP 2121859327 fd86:2df3:c714:1:c0b:afbe:38fd:a54e 33776 typ host",
        "candidate:1 1 UDP 1686052863 203.0.113.4 61480 typ srflx raddr 192.168.0.14 rport 44440",
        "candidate:3 1 UDP 92217087 198.51.100.2 60000 typ relay raddr 203.0.113.4 rport 61480",
        "candidate:0 1 UDP 2122252543 3ed1a9a6-7ad9-4ee9-a3ae-2e9fb4e96b01.local 60219 typ host",
        // baresip (hex foundations)
        "candidate:c0a8030c 1 UDP 2113932031 192.168.3.12 41794 typ host",
        "candidate:df5f518c 1 UDP 1677721855 203.0.113.141 34586 typ srflx raddr 192.168.3.12 rport 41794",
        // ice4j's Candidate.toString (used by IceSdpUtils): lower-case transport, raddr/rport
        "candidate:1 1 udp 2130706431 192.0.2.5 5000 typ host",
        "candidate:2 1 udp 1694498815 198.51.100.30 41234 typ srflx raddr 192.0.2.5 rport 5000",
        "candidate:3 1 udp 16777215 203.0.113.50 49152 typ relay raddr 198.51.100.30 rport 41234",
        // RFC 8445 / 8839 examples
        "candidate:1 1 UDP 2130706431 10.0.1.1 8998 typ host",
        "candidate:2 1 UDP 1694498815 192.0.2.3 45664 typ srflx raddr 10.0.1.1 rport 8998",
        "candidate:4 1 UDP 1694498815 192.0.2.3 45664 typ prflx raddr 10.0.1.1 rport 8998",
    })
    void realWorldLinesRoundTrip(String line) throws SdpParseException {
        Candidate parsed = CandidateCodec.parse(line);
        String expected = upperCaseTransport(line);
        assertEquals(expected, CandidateCodec.format(parsed));
        assertEquals(parsed, CandidateCodec.parse("a=" + expected + "\r\n"));
    }

    @Test
    void readsEveryField() throws SdpParseException {
        Candidate c = CandidateCodec.parse("a=candidate:842163049 2 udp 1677729535 203.0.113.7 54400 typ srflx"
                + " raddr 192.168.1.20 rport 54401 generation 0 network-id 3\r\n");
        assertEquals("842163049", c.foundation());
        assertEquals(2, c.component());
        assertEquals(CandidateTransport.UDP, c.transport());
        assertEquals(1677729535L, c.priority());
        assertEquals("203.0.113.7", c.address());
        assertEquals(54400, c.port());
        assertEquals(CandidateType.SERVER_REFLEXIVE, c.type());
        assertEquals(Optional.of(new InetSocketAddress("192.168.1.20", 54401)), c.relatedSocketAddress());
        assertEquals(List.of(new CandidateExtension("generation", "0"), new CandidateExtension("network-id", "3")),
                c.extensions());
        assertEquals(Optional.of("3"), c.extension("network-id"));
        assertEquals(Optional.of(new InetSocketAddress("203.0.113.7", 54400)), c.socketAddress());
        assertFalse(c.isMdns());
    }

    @Test
    void priorityIsThirtyTwoBitUnsigned() throws SdpParseException {
        assertEquals(4294967295L,
                CandidateCodec.parse("candidate:1 1 UDP 4294967295 192.0.2.1 1 typ host").priority());
        SdpParseException e = assertThrows(SdpParseException.class,
                () -> CandidateCodec.parse("candidate:1 1 UDP 4294967296 192.0.2.1 1 typ host"));
        assertEquals("priority", e.field());
        assertEquals("4294967296", e.text());
    }

    @Test
    void mdnsNamesStayText() throws SdpParseException {
        Candidate c = CandidateCodec.parse(
                "candidate:1 1 udp 2113937151 6a7e0df7-6b69-4d0a-b1a5-1c2cc3b4e8d5.local 56565 typ host");
        assertTrue(c.isMdns());
        assertEquals(Optional.empty(), c.ipAddress(), "a name is never resolved while parsing");
        assertEquals(Optional.empty(), c.socketAddress());
    }

    @Test
    void keywordsAfterExtensionsAreStillRecognised() throws SdpParseException {
        Candidate c = CandidateCodec.parse("candidate:1 1 TCP 1 192.0.2.1 9 typ host generation 0 tcptype so"
                + " rport 7 raddr 192.0.2.2");
        assertEquals(TcpType.SIMULTANEOUS_OPEN, c.tcpType());
        assertEquals("192.0.2.2", c.relatedAddress());
        assertEquals(7, c.relatedPort());
        assertEquals("candidate:1 1 TCP 1 192.0.2.1 9 typ host raddr 192.0.2.2 rport 7 tcptype so generation 0",
                CandidateCodec.format(c));
    }

    @Test
    void builtCandidatesFormatAsTheRfcOrders() {
        Candidate c = Candidate.udp("7", 1, Candidate.priority(0, 65535, 1),
                        new InetSocketAddress("203.0.113.9", 3478), CandidateType.RELAYED)
                .withRelated(new InetSocketAddress("198.51.100.1", 40000))
                .withExtension("generation", "0");
        assertEquals("candidate:7 1 UDP 16777215 203.0.113.9 3478 typ relay raddr 198.51.100.1 rport 40000"
                + " generation 0", c.toString());
        assertEquals(2130706431L, Candidate.priority(126, 65535, 1));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "candidate:1 1 UDP 1 192.0.2.1 1 typ host                  | ",
        "a=candidat:1 1 UDP 1 192.0.2.1 1 typ host                 | attribute",
        "candidate:                                                | foundation",
        "candidate:1 1 UDP 1 192.0.2.1 1 typ                       | cand-type",
        "candidate:1 1 UDP 1 192.0.2.1 1                           | typ",
        "candidate:abc-def 1 UDP 1 192.0.2.1 1 typ host            | foundation",
        "candidate:123456789012345678901234567890123 1 UDP 1 192.0.2.1 1 typ host | foundation",
        "candidate:1 0 UDP 1 192.0.2.1 1 typ host                  | component-id",
        "candidate:1 257 UDP 1 192.0.2.1 1 typ host                | component-id",
        "candidate:1 x UDP 1 192.0.2.1 1 typ host                  | component-id",
        "candidate:1 1 SCTP 1 192.0.2.1 1 typ host                 | transport",
        "candidate:1 1 UDP -1 192.0.2.1 1 typ host                 | priority",
        "candidate:1 1 UDP 1 999.0.2.1 1 typ host                  | connection-address",
        "candidate:1 1 UDP 1 [2001:db8::1] 1 typ host              | connection-address",
        "candidate:1 1 UDP 1 fe80::1%eth0 1 typ host               | connection-address",
        "candidate:1 1 UDP 1 bad_name.local 1 typ host             | connection-address",
        "candidate:1 1 UDP 1 192.0.2.1 65536 typ host              | port",
        "candidate:1 1 UDP 1 192.0.2.1 1 type host                 | typ",
        "candidate:1 1 UDP 1 192.0.2.1 1 typ stun                  | cand-type",
        "candidate:1 1 UDP 1 192.0.2.1 1 typ host raddr            | raddr",
        "candidate:1 1 UDP 1 192.0.2.1 1 typ srflx raddr x..y rport 1 | raddr",
        "candidate:1 1 UDP 1 192.0.2.1 1 typ srflx raddr 192.0.2.1 rport 99999 | rport",
        "candidate:1 1 UDP 1 192.0.2.1 1 typ srflx rport 1 rport 2 | rport",
        "candidate:1 1 TCP 1 192.0.2.1 1 typ host tcptype sideways | tcptype",
        "candidate:1 1 UDP 1 192.0.2.1 1 typ host generation       | cand-extension",
        "candidate:1 1 UDP 1 192.0.2.1 1 typ host typ relay        | typ",
        "candidate:1 1 UDP 1 192.0.2.1 1 typ host na(me) 1         | cand-extension",
        "candidate:1 1 UDP 1 192.0.2.1 1 typ host name välue       | name",
    })
    void malformedLinesNameTheField(String line, String field) {
        if (field == null) {
            assertTrue(parses(line), line);
            return;
        }
        SdpParseException e = assertThrows(SdpParseException.class, () -> CandidateCodec.parse(line));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith(field + ": '"), e.getMessage());
    }

    @Test
    void theMessageQuotesTheOffendingText() {
        SdpParseException e = assertThrows(SdpParseException.class,
                () -> CandidateCodec.parse("candidate:1 1 UDP 1 192.0.2.1 70000 typ host"));
        assertEquals("port: '70000' is not a number from 0 to 65535", e.getMessage());
    }

    @Test
    void constructorRefusesWhatTheParserRefuses() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Candidate.of("1", 1, CandidateTransport.UDP, 1L << 32, "192.0.2.1", 1, CandidateType.HOST));
        assertTrue(e.getMessage().startsWith("priority: '4294967296'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Candidate.of("1", 1, CandidateTransport.UDP, 1,
                "192.0.2.1", 1, CandidateType.HOST).withExtension("raddr", "192.0.2.2"));
    }

    private static boolean parses(String line) {
        try {
            CandidateCodec.parse(line);
            return true;
        } catch (SdpParseException e) {
            return false;
        }
    }

    private static String upperCaseTransport(String line) {
        return line.replaceFirst("^(candidate:\\S+ \\d+ )udp ", "$1UDP ").replaceFirst("^(candidate:\\S+ \\d+ )tcp ",
                "$1TCP ");
    }
}
