package dev.punchline.turn.wire;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** RFC 4013 §3's examples, plus one per mapping and prohibition table. */
class SaslPrepTest {
    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
        "I\u00ADX          | IX        | soft hyphen mapped to nothing (RFC 4013 example 1)",
        "user              | user      | no transformation (example 2)",
        "USER              | USER      | case preserved (example 3)",
        "\u00AA            | a         | NFKC (example 4)",
        "\u2168            | IX        | NFKC, matches example 1 (example 5)",
        "a\u00A0b          | a b       | no-break space mapped to space",
        "a\u3000b          | a b       | ideographic space mapped to space",
        "a\u200Bb\uFEFFc   | abc       | zero-width space and BOM mapped to nothing",
        "\u0627\u0031\u0628 | \u0627\u0031\u0628 | right-to-left with a number inside is fine",
        "The\u00ADM\u00AAtr\u2168 | TheMatrIX | RFC 5769's long-term password",
    })
    void prepares(String input, String expected, String why) {
        assertEquals(expected, SaslPrep.prepare(input.strip()), why);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\u0007",        // ASCII control (RFC 4013 example 6)
        "\u0627\u0031",  // RandALCat not at both ends (example 7)
        "a\u0627b",      // RandALCat mixed with LCat
        "x\u0085",       // non-ASCII control
        "x\uE000",       // private use
        "x\uFDD0",       // non-character
        "x\uD800",       // lone surrogate
        "x\u200E",       // left-to-right mark
        "x\u2FF0",       // ideographic description character
        "x\uDB40\uDC01", // language tag U+E0001
    })
    void refusesProhibitedOutput(String input) {
        assertThrows(IllegalArgumentException.class, () -> SaslPrep.prepare(input));
    }
}
