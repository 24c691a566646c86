package dev.punchline.turn.wire;

import java.text.Normalizer;

/**
 * SASLprep (RFC 4013), the stringprep profile RFC 5389/8489 apply to long-term passwords so that the same
 * password typed on different systems yields the same key. Unassigned code points are allowed (the "query"
 * rule of RFC 3454 §7): the JDK's Unicode is newer than stringprep's 3.2, so "unassigned" would mean
 * something else here anyway, and refusing a password the user can type helps nobody.
 */
public final class SaslPrep {
    /** RFC 3454 table B.1, "commonly mapped to nothing": invisible characters that must not change the key. */
    private static final int[] MAPPED_TO_NOTHING = {
        0x00AD, 0x00AD, 0x034F, 0x034F, 0x1806, 0x1806, 0x180B, 0x180D, 0x200B, 0x200D, 0x2060, 0x2060,
        0xFE00, 0xFE0F, 0xFEFF, 0xFEFF,
    };
    /** RFC 3454 table C.1.2, non-ASCII spaces, which SASLprep maps to U+0020 (and whose survivors are prohibited). */
    private static final int[] NON_ASCII_SPACE = {
        0x00A0, 0x00A0, 0x1680, 0x1680, 0x2000, 0x200B, 0x202F, 0x202F, 0x205F, 0x205F, 0x3000, 0x3000,
    };
    /** RFC 3454 tables C.2.1 through C.9 (controls, private use, non-characters, surrogates, ...), as ranges. */
    private static final int[] PROHIBITED = {
        0x0000, 0x001F, 0x007F, 0x009F, 0x0340, 0x0341, 0x06DD, 0x06DD, 0x070F, 0x070F, 0x180E, 0x180E,
        0x200C, 0x200F, 0x2028, 0x202E, 0x2060, 0x2063, 0x206A, 0x206F, 0x2FF0, 0x2FFB, 0xD800, 0xF8FF,
        0xFDD0, 0xFDEF, 0xFEFF, 0xFEFF, 0xFFF9, 0xFFFD, 0x1D173, 0x1D17A, 0xE0001, 0xE0001, 0xE0020, 0xE007F,
        0xF0000, 0x10FFFF,
    };

    private SaslPrep() {
    }

    /**
     * @throws IllegalArgumentException if the prepared string contains prohibited characters or breaks the
     *                                  bidi rules
     */
    public static String prepare(String input) {
        if (isPrintableAscii(input)) {
            return input; // nothing to map, normalise or prohibit: the common case costs one scan
        }
        StringBuilder mapped = new StringBuilder(input.length());
        input.codePoints().forEach(cp -> {
            if (in(NON_ASCII_SPACE, cp) && !in(MAPPED_TO_NOTHING, cp)) {
                mapped.append(' ');
            } else if (!in(MAPPED_TO_NOTHING, cp)) {
                mapped.appendCodePoint(cp);
            }
        });
        String normalized = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
        normalized.codePoints().forEach(cp -> {
            if (isProhibited(cp)) {
                throw new IllegalArgumentException(String.format("prohibited character U+%04X", cp));
            }
        });
        checkBidi(normalized);
        return normalized;
    }

    private static boolean isProhibited(int cp) {
        return in(PROHIBITED, cp) || in(NON_ASCII_SPACE, cp) || (cp & 0xFFFE) == 0xFFFE;
    }

    /**
     * RFC 3454 §6: a string with right-to-left characters must not mix in left-to-right ones and must begin
     * and end with a right-to-left character, so that it displays one way only.
     */
    private static void checkBidi(String s) {
        boolean hasRtl = false;
        boolean hasLtr = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            hasRtl |= isRtl(cp);
            hasLtr |= Character.getDirectionality(cp) == Character.DIRECTIONALITY_LEFT_TO_RIGHT;
            i += Character.charCount(cp);
        }
        if (!hasRtl) {
            return;
        }
        if (hasLtr) {
            throw new IllegalArgumentException("mixes right-to-left and left-to-right characters");
        }
        if (!isRtl(s.codePointAt(0)) || !isRtl(s.codePointBefore(s.length()))) {
            throw new IllegalArgumentException("right-to-left text must begin and end with a right-to-left character");
        }
    }

    private static boolean isRtl(int cp) {
        byte d = Character.getDirectionality(cp);
        return d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
    }

    private static boolean isPrintableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /** {@code ranges} holds inclusive pairs in ascending order; the tables are small enough to scan. */
    private static boolean in(int[] ranges, int cp) {
        for (int i = 0; i < ranges.length && ranges[i] <= cp; i += 2) {
            if (cp <= ranges[i + 1]) {
                return true;
            }
        }
        return false;
    }
}
