package dev.punchline.ice.sdp;

import java.util.List;

/**
 * The tags of {@code a=ice-options} (RFC 8839 §5.6), in order.
 *
 * <p>{@value #PUNCHLINE} is ours: a peer that lists it speaks Punchline's Link framing (a header whose first
 * byte lies in 4..15, outside RFC 7983's ranges, with sequence numbers and echoes), so packets to it are
 * framed and may be sent before any connectivity check succeeds (rate-limited until it answers). A peer
 * without it gets bare packets. Standard agents ignore tags they do not know (RFC 8839 §5.6). An
 * incompatible change of the framing must take a new tag ({@code punchline2}), never reuse this one.
 */
public record IceOptions(List<String> tags) {
    /** Trickle ICE (RFC 8838). */
    public static final String TRICKLE = "trickle";
    /** Punchline's Link framing, see the class comment. */
    public static final String PUNCHLINE = "punchline";

    public IceOptions {
        tags = List.copyOf(tags);
        if (tags.isEmpty()) {
            throw new IllegalArgumentException("ice-options needs at least one tag");
        }
        for (String tag : tags) {
            if (!IceOptions.isTag(tag)) {
                throw new IllegalArgumentException("ice-option-tag '" + tag + "' is not a token");
            }
        }
    }

    public static IceOptions of(String... tags) {
        return new IceOptions(List.of(tags));
    }

    public boolean has(String tag) {
        return tags.contains(tag);
    }

    public boolean trickle() {
        return has(TRICKLE);
    }

    public boolean punchlineFraming() {
        return has(PUNCHLINE);
    }

    /**
     * RFC 8839 says ice-chars; tokens are read too, since deployed agents wrote {@code google-ice}, and one
     * odd tag must not cost a peer its trickle or framing tags.
     */
    static boolean isTag(String tag) {
        return IceChars.isToken(tag);
    }
}
