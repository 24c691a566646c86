package dev.punchline.ice.sdp;

/** An enum constant with a fixed spelling in SDP, such as {@code srflx} or {@code passive}. */
interface SdpToken {
    String token();

    /** The constant of {@code type} spelled {@code text}; case-sensitive, as RFC 8839's literals are. */
    static <E extends Enum<E> & SdpToken> E parse(Class<E> type, String text, String field)
            throws SdpParseException {
        StringBuilder known = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            if (constant.token().equals(text)) {
                return constant;
            }
            known.append(known.length() == 0 ? "" : ", ").append(constant.token());
        }
        throw new SdpParseException(field, text, "is not one of " + known);
    }
}
