package dev.punchline.ice.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IceAttributesTest {

    @Test
    void credentialsFromRealWorldLines() throws SdpParseException {
        // Chrome, baresip, Firefox (hex password)
        assertEquals(new IceCredentials("CG5L", "M2sO6U/p4MzI0pG28p4ASLcj"),
                IceAttributes.parseCredentials("a=ice-ufrag:CG5L\r\n", "a=ice-pwd:M2sO6U/p4MzI0pG28p4ASLcj\r\n"));
        assertEquals("xdHQ9bd", IceAttributes.parseUfrag("ice-ufrag:xdHQ9bd"));
        assertEquals("65255873441c59296e82b673959f8c67",
                IceAttributes.parsePwd("a=ice-pwd:65255873441c59296e82b673959f8c67"));
    }

    @Test
    void ufragAndPasswordLengthsAndCharacters() {
        assertField("ice-ufrag", () -> IceAttributes.parseUfrag("a=ice-ufrag:abc"));
        assertField("ice-ufrag", () -> IceAttributes.parseUfrag("a=ice-ufrag:" + "a".repeat(257)));
        assertField("ice-ufrag", () -> IceAttributes.parseUfrag("a=ice-ufrag:ab-cd"));
        assertField("ice-pwd", () -> IceAttributes.parsePwd("a=ice-pwd:" + "p".repeat(21)));
        assertField("ice-pwd", () -> IceAttributes.parsePwd("a=ice-pwd:" + "p".repeat(21) + "="));
        assertField("attribute", () -> IceAttributes.parseUfrag("a=ice-pwd:" + "p".repeat(22)));
    }

    @Test
    void aBadPasswordIsNotRepeatedInTheMessage() {
        String secret = "s3cret-but-malformed-password";
        SdpParseException e = assertThrows(SdpParseException.class,
                () -> IceAttributes.parsePwd("a=ice-pwd:" + secret));
        assertFalse(e.getMessage().contains(secret), e.getMessage());
        IllegalArgumentException i = assertThrows(IllegalArgumentException.class,
                () -> new IceCredentials("abcd", secret));
        assertFalse(i.getMessage().contains(secret), i.getMessage());
    }

    @Test
    void toStringHidesThePassword() {
        IceCredentials c = IceCredentials.generate();
        assertFalse(c.toString().contains(c.pwd()));
        assertTrue(c.toString().contains(c.ufrag()));
    }

    @Test
    void generatedCredentialsAreValidAndDistinct() throws SdpParseException {
        IceCredentials a = IceCredentials.generate();
        IceCredentials b = IceCredentials.generate();
        assertFalse(a.ufrag().equals(b.ufrag()) && a.pwd().equals(b.pwd()));
        assertEquals(a, IceAttributes.parseCredentials(IceAttributes.formatUfrag(a), IceAttributes.formatPwd(a)));
    }

    @Test
    void iceOptions() throws SdpParseException {
        IceOptions o = IceAttributes.parseOptions("a=ice-options:trickle punchline\r\n");
        assertTrue(o.trickle());
        assertTrue(o.punchlineFraming());
        assertEquals("ice-options:trickle punchline", IceAttributes.formatOptions(o));
        assertEquals(List.of("google-ice"), IceAttributes.parseOptions("ice-options:google-ice").tags());
        assertFalse(IceAttributes.parseOptions("ice-options:trickle").punchlineFraming());
        assertField("ice-options", () -> IceAttributes.parseOptions("a=ice-options:"));
        assertField("ice-option-tag", () -> IceAttributes.parseOptions("a=ice-options:trickle ké"));
    }

    @Test
    void endOfCandidates() {
        assertTrue(IceAttributes.isEndOfCandidates("a=end-of-candidates\r\n"));
        assertTrue(IceAttributes.isEndOfCandidates("end-of-candidates"));
        assertFalse(IceAttributes.isEndOfCandidates("a=end-of-candidates:x"));
        assertFalse(IceAttributes.isEndOfCandidates("a=candidate:1 1 UDP 1 192.0.2.1 1 typ host"));
    }

    private static void assertField(String field, org.junit.jupiter.api.function.Executable parse) {
        SdpParseException e = assertThrows(SdpParseException.class, parse);
        assertEquals(field, e.field(), e.getMessage());
    }
}
