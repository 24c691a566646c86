package dev.punchline.ice.sdp;

import java.security.SecureRandom;

/**
 * The {@code ice-ufrag} and {@code ice-pwd} of one ICE session (RFC 8839 §5.4): ufrag 4 to 256 ice-chars,
 * password 22 to 256. {@link #toString()} hides the password, so a credentials object can be logged.
 */
public record IceCredentials(String ufrag, String pwd) {
    static final int MIN_UFRAG = 4;
    static final int MIN_PWD = 22;
    static final int MAX_LENGTH = 256;
    /** 8 ice-chars carry 48 random bits; RFC 8445 §5.3 asks for at least 24. */
    private static final int GENERATED_UFRAG = 8;
    /** 24 ice-chars carry 144 random bits; RFC 8445 §5.3 asks for at least 128. */
    private static final int GENERATED_PWD = 24;
    private static final String ICE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final SecureRandom RANDOM = new SecureRandom();

    public IceCredentials {
        String ufragProblem = ufragProblem(ufrag);
        if (ufragProblem != null) {
            throw new IllegalArgumentException("ice-ufrag: '" + ufrag + "' " + ufragProblem);
        }
        String pwdProblem = pwdProblem(pwd);
        if (pwdProblem != null) {
            // The password itself stays out of the message: exception messages end up in logs.
            throw new IllegalArgumentException("ice-pwd " + pwdProblem);
        }
    }

    /** Fresh random credentials for a new ICE session or an ICE restart. */
    public static IceCredentials generate() {
        return new IceCredentials(random(GENERATED_UFRAG), random(GENERATED_PWD));
    }

    @Override
    public String toString() {
        return "IceCredentials[ufrag=" + ufrag + ", pwd=(" + pwd.length() + " chars)]";
    }

    static String ufragProblem(String ufrag) {
        return lengthProblem(ufrag, MIN_UFRAG);
    }

    static String pwdProblem(String pwd) {
        return lengthProblem(pwd, MIN_PWD);
    }

    private static String lengthProblem(String value, int min) {
        if (value == null) {
            return "is missing";
        }
        if (value.length() < min || value.length() > MAX_LENGTH || !IceChars.allIceChars(value)) {
            return "is not " + min + " to " + MAX_LENGTH + " ice-chars (letters, digits, '+', '/')";
        }
        return null;
    }

    private static String random(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ICE_CHARS.charAt(RANDOM.nextInt(ICE_CHARS.length())));
        }
        return s.toString();
    }
}
