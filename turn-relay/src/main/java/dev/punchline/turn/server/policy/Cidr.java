package dev.punchline.turn.server.policy;

import io.netty.util.NetUtil;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address block, such as {@code 10.0.0.0/8} or {@code fc00::/7}.
 *
 * <p>Parsing accepts literals only, never a host name, so reading a configuration never
 * touches DNS. IPv4 parts with leading zeros are refused because tools disagree on whether
 * {@code 010} means 8 or 10. An IPv4-mapped block ({@code ::ffff:10.0.0.0/104}) is the IPv4
 * block it maps ({@code 10.0.0.0/8}), as {@link PeerAddressPolicy#canonicalize} does for
 * addresses. Host bits below the prefix must be zero: a typo in an access list should fail
 * loudly, not be silently widened.
 */
public final class Cidr {

    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final int MAPPED_PREFIX_BITS = 96;

    private final byte[] network;
    private final int prefixLength;

    private Cidr(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /**
     * Parses {@code ADDRESS/PREFIX} or a bare {@code ADDRESS} (a single host: /32 or /128).
     *
     * @throws IllegalArgumentException naming {@code text} and what is wrong with it
     */
    public static Cidr parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("address range is missing");
        }
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        InetAddress address = parseLiteral(text, addressText);
        int writtenBits = addressText.contains(":") ? 128 : 32;
        int prefix = slash < 0 ? writtenBits : parsePrefix(text, text.substring(slash + 1));
        if (prefix > writtenBits) {
            throw invalid(text, "prefix /" + prefix + " is longer than the " + writtenBits + " bits of the address");
        }
        if (address instanceof Inet4Address && writtenBits == 128) {
            // the JDK hands ::ffff:a.b.c.d back as a.b.c.d; the written prefix counts from bit 96
            if (prefix < MAPPED_PREFIX_BITS) {
                throw invalid(text, "an IPv4-mapped range needs a prefix of at least /96");
            }
            prefix -= MAPPED_PREFIX_BITS;
        }
        byte[] network = address.getAddress();
        byte[] masked = mask(network, prefix);
        if (!Arrays.equals(network, masked)) {
            throw invalid(text, "host bits are set below the /" + prefix
                    + " prefix (the network would be " + format(masked) + "/" + prefix + ")");
        }
        return new Cidr(masked, prefix);
    }

    /**
     * Whether {@code address} lies in this block. Families are never mixed: an IPv4 block holds
     * no IPv6 address, so callers canonicalise first ({@link PeerAddressPolicy#canonicalize}).
     */
    public boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    /** Whether every address of {@code other} lies in this block. */
    public boolean contains(Cidr other) {
        return other.prefixLength >= prefixLength && contains(other.network);
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / Byte.SIZE;
        for (int i = 0; i < fullBytes; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int restBits = prefixLength % Byte.SIZE;
        if (restBits == 0) {
            return true;
        }
        int restMask = (0xFF << (Byte.SIZE - restBits)) & 0xFF;
        return (address[fullBytes] & restMask) == (network[fullBytes] & 0xFF);
    }

    public InetAddress network() {
        try {
            return InetAddress.getByAddress(network.clone());
        } catch (UnknownHostException impossible) {
            throw new AssertionError(impossible);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr other && prefixLength == other.prefixLength && Arrays.equals(network, other.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefixLength;
    }

    private static InetAddress parseLiteral(String text, String addressText) {
        boolean ipv6 = addressText.contains(":");
        if (ipv6 && (addressText.indexOf('%') >= 0 || addressText.indexOf('[') >= 0)) {
            throw invalid(text, "write the IPv6 address without brackets or a zone");
        }
        boolean valid = ipv6 ? NetUtil.isValidIpV6Address(addressText) && noLeadingZerosInEmbeddedIpv4(addressText)
                : IPV4.matcher(addressText).matches();
        if (!valid) {
            throw invalid(text, "'" + addressText + "' is not an IPv4 or IPv6 address");
        }
        try {
            return InetAddress.getByName(addressText); // a checked literal: no DNS lookup
        } catch (UnknownHostException e) {
            throw invalid(text, "'" + addressText + "' is not an IPv4 or IPv6 address");
        }
    }

    private static boolean noLeadingZerosInEmbeddedIpv4(String ipv6) {
        int lastColon = ipv6.lastIndexOf(':');
        String tail = ipv6.substring(lastColon + 1);
        return !tail.contains(".") || IPV4.matcher(tail).matches();
    }

    private static int parsePrefix(String text, String prefixText) {
        if (prefixText.isEmpty() || prefixText.length() > 3 || !prefixText.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(text, "prefix '" + prefixText + "' is not a number of bits");
        }
        return Integer.parseInt(prefixText);
    }

    private static byte[] mask(byte[] address, int prefixLength) {
        byte[] masked = address.clone();
        for (int bit = prefixLength; bit < masked.length * Byte.SIZE; bit++) {
            masked[bit / Byte.SIZE] &= (byte) ~(0x80 >>> (bit % Byte.SIZE));
        }
        return masked;
    }

    private static String format(byte[] address) {
        return NetUtil.bytesToIpAddress(address);
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("invalid address range '" + text + "': " + why);
    }
}
