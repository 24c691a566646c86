package dev.punchline.ice.sdp;

import java.util.List;

/**
 * Reads and writes the ICE attributes besides {@code a=candidate}: {@code a=ice-ufrag}, {@code a=ice-pwd},
 * {@code a=ice-options} (RFC 8839 §5.4, §5.6) and {@code a=end-of-candidates} (RFC 8840 §8.2). Reading accepts
 * a line with or without {@code a=} and its line ending; writing yields the attribute without {@code a=}.
 */
public final class IceAttributes {
    public static final String ICE_UFRAG = "ice-ufrag";
    public static final String ICE_PWD = "ice-pwd";
    public static final String ICE_OPTIONS = "ice-options";
    public static final String END_OF_CANDIDATES = "end-of-candidates";

    private IceAttributes() {
    }

    public static String parseUfrag(String line) throws SdpParseException {
        String ufrag = SdpLine.value(line, ICE_UFRAG);
        String problem = IceCredentials.ufragProblem(ufrag);
        if (problem != null) {
            throw new SdpParseException(ICE_UFRAG, ufrag, problem);
        }
        return ufrag;
    }

    /** The password; a malformed one is not repeated in the exception (messages reach logs). */
    public static String parsePwd(String line) throws SdpParseException {
        String pwd = SdpLine.value(line, ICE_PWD);
        String problem = IceCredentials.pwdProblem(pwd);
        if (problem != null) {
            throw new SdpParseException(ICE_PWD, "(" + pwd.length() + " chars)", problem);
        }
        return pwd;
    }

    /** Both credentials from their two lines. */
    public static IceCredentials parseCredentials(String ufragLine, String pwdLine) throws SdpParseException {
        return new IceCredentials(parseUfrag(ufragLine), parsePwd(pwdLine));
    }

    public static IceOptions parseOptions(String line) throws SdpParseException {
        List<String> tags = SdpLine.fields(SdpLine.value(line, ICE_OPTIONS));
        if (tags.isEmpty()) {
            throw new SdpParseException(ICE_OPTIONS, line, "has no ice-option-tag");
        }
        for (String tag : tags) {
            if (!IceOptions.isTag(tag)) {
                throw new SdpParseException("ice-option-tag", tag, "is not a token");
            }
        }
        return new IceOptions(tags);
    }

    public static boolean isEndOfCandidates(String line) {
        return SdpLine.isFlag(line, END_OF_CANDIDATES);
    }

    public static String formatUfrag(IceCredentials credentials) {
        return ICE_UFRAG + ':' + credentials.ufrag();
    }

    public static String formatPwd(IceCredentials credentials) {
        return ICE_PWD + ':' + credentials.pwd();
    }

    public static String formatOptions(IceOptions options) {
        return ICE_OPTIONS + ':' + String.join(" ", options.tags());
    }
}
