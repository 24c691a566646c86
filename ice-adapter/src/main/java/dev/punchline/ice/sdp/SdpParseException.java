package dev.punchline.ice.sdp;

/**
 * A line that is not a well-formed ICE attribute. Checked, like the STUN codec's parse exception: the text
 * comes from a remote party, and a caller must decide what a bad line means (usually: ignore that one
 * candidate, as RFC 8839 asks of lines an agent does not understand).
 */
public final class SdpParseException extends Exception {
    private final String field;
    private final String text;

    /**
     * @param field the grammar element that failed, as RFC 8839 names it ({@code priority}, {@code port},
     *              {@code connection-address}, ...)
     * @param text  the offending text, or the whole line when the element is missing
     */
    public SdpParseException(String field, String text, String problem) {
        // No stack trace: bad lines come from remote parties and are expected; the message says it all,
        // and a peer sending thousands of them should not cost a stack walk each.
        super(field + ": '" + text + "' " + problem, null, false, false);
        this.field = field;
        this.text = text;
    }

    /** The grammar element that failed, e.g. {@code priority}. */
    public String field() {
        return field;
    }

    /** The offending text. */
    public String text() {
        return text;
    }
}
