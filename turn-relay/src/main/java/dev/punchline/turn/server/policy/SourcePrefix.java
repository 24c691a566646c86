package dev.punchline.turn.server.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * What per-source limits count by: an IPv4 address, or the /64 of an IPv6 address. One IPv6 host usually holds a whole
 * /64 and can pick any address in it, so counting by address would let it step around every per-source cap.
 */
public final class SourcePrefix {

    private static final int IPV6_PREFIX_BYTES = 8;

    private SourcePrefix() {
    }

    /** {@code address} canonicalised (IPv4-mapped IPv6 becomes IPv4), IPv6 cut to its /64. */
    public static InetAddress of(InetAddress address) {
        InetAddress canonical = PeerAddressPolicy.canonicalize(address);
        byte[] bytes = canonical.getAddress();
        if (bytes.length == 4) {
            return canonical;
        }
        Arrays.fill(bytes, IPV6_PREFIX_BYTES, bytes.length, (byte) 0);
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new AssertionError(impossible);
        }
    }
}
