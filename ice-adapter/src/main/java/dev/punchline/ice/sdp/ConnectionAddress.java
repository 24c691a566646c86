package dev.punchline.ice.sdp;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code connection-address} of a candidate: an IPv4 or IPv6 literal, or a fully qualified domain name
 * (RFC 8839 allows one; browsers put an mDNS {@code <uuid>.local} name there to hide host addresses). Names
 * stay text: resolving them is the caller's decision, never a side effect of parsing.
 */
final class ConnectionAddress {
    private static final int MAX_NAME = 253;
    private static final int MAX_LABEL = 63;

    private ConnectionAddress() {
    }

    /** Why {@code text} is not a connection address, or null if it is one. */
    static String problem(String text) {
        if (text.isEmpty()) {
            return "is empty";
        }
        if (text.indexOf(':') >= 0) {
            return text.indexOf('%') < 0 && text.indexOf('[') < 0 && NetUtil.isValidIpV6Address(text)
                    ? null : "is not an IPv6 address (no brackets, no zone)";
        }
        if (NetUtil.isValidIpV4Address(text)) {
            return null;
        }
        return isHostName(text) ? null : "is neither an IP address nor a host name";
    }

    /** The address if {@code text} is an IP literal; never a DNS lookup. */
    static Optional<InetAddress> literal(String text) {
        if (text.indexOf(':') < 0 && !NetUtil.isValidIpV4Address(text)) {
            return Optional.empty();
        }
        return Optional.ofNullable(NetUtil.createInetAddressFromIpAddressString(text));
    }

    static boolean isMdns(String text) {
        return text.toLowerCase(Locale.ROOT).endsWith(".local");
    }

    /** RFC 1123 labels, and not all-numeric (that would be a mistyped IPv4 address). */
    private static boolean isHostName(String text) {
        if (text.length() > MAX_NAME) {
            return false;
        }
        String name = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        boolean numericOnly = true;
        for (String label : name.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > MAX_LABEL || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!IceChars.isAlpha(c) && !IceChars.isDigit(c) && c != '-') {
                    return false;
                }
                numericOnly &= IceChars.isDigit(c);
            }
        }
        return !numericOnly;
    }
}
