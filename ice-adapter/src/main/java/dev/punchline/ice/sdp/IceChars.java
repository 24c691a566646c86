package dev.punchline.ice.sdp;

/** The character classes of RFC 8839's grammar. */
final class IceChars {
    private static final String TOKEN_SYMBOLS = "-.!%*_+`'~";

    private IceChars() {
    }

    /** {@code 1*ice-char}, {@code ice-char = ALPHA / DIGIT / "+" / "/"}: foundations, ufrags, passwords. */
    static boolean allIceChars(String s) {
        return all(s, c -> isAlpha(c) || isDigit(c) || c == '+' || c == '/');
    }

    /** RFC 3261's {@code token}, which names transports and candidate extensions. */
    static boolean isToken(String s) {
        return all(s, c -> isAlpha(c) || isDigit(c) || TOKEN_SYMBOLS.indexOf(c) >= 0);
    }

    /** {@code 1*VCHAR}: printable US-ASCII without space, the value of a candidate extension. */
    static boolean isVisible(String s) {
        return all(s, c -> c >= 0x21 && c <= 0x7E);
    }

    static boolean allDigits(String s) {
        return all(s, IceChars::isDigit);
    }

    static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private interface CharClass {
        boolean contains(char c);
    }

    /** Non-empty and every character in the class. */
    private static boolean all(String s, CharClass chars) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!chars.contains(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
