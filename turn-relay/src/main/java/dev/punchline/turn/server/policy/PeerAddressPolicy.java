package dev.punchline.turn.server.policy;

import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which peer addresses a TURN server on the open internet may relay to and from.
 *
 * <p>By default only global unicast addresses are allowed. Everything else is refused with a
 * {@link PeerVerdict} saying what it is. Before any check an address is brought to the form in
 * which the kernel would deliver it:
 * <ul>
 *   <li>IPv4-mapped ({@code ::ffff:a.b.c.d}) and IPv4-compatible ({@code ::a.b.c.d}) addresses
 *       are the IPv4 address {@code a.b.c.d} ({@link #canonicalize}) — coturn's CVE-2026-27624 let
 *       {@code ::ffff:127.0.0.1} past a deny list written in IPv4;</li>
 *   <li>the IPv4 address inside a NAT64 well-known-prefix address ({@code 64:ff9b::/96}) or an
 *       IPv4-translated one ({@code ::ffff:0:0:0/96}) is checked as that IPv4 address, because a
 *       translator on the path delivers it there;</li>
 *   <li>a 6to4 address ({@code 2002::/16}) is refused when the IPv4 address it embeds is.</li>
 * </ul>
 *
 * <p>{@code --allow-peer} ranges open addresses that are refused by default, for deployments
 * and labs that relay inside private networks. Each range must lie inside one such block (for
 * example {@code 10.0.0.0/8}, {@code 127.0.0.0/8}, {@code fd00::/8}): a broad range such as
 * {@code 0.0.0.0/0} would otherwise open loopback and every private network at once, so it is
 * refused when the policy is built. Loopback opens only when a loopback range is listed. No
 * range ever opens unspecified (0.0.0.0/8, {@code ::} — coturn's CVE-2020-26262), link-local
 * (the cloud metadata service lives there), multicast or broadcast addresses.
 *
 * <p>This server's own addresses are refused too: the server passes traffic between two of its
 * own allocations internally. An own address inside an opened range (the loopback test
 * set-up, a lab) stays reachable, but never on a port the server listens on.
 */
public final class PeerAddressPolicy {

    private static final byte[] LOOPBACK_V6 = new byte[16];
    private static final int IPV4_LENGTH = 4;
    private static final int IPV6_LENGTH = 16;

    static {
        LOOPBACK_V6[15] = 1;
    }

    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr IPV4_TRANSLATED = Cidr.parse("::ffff:0:0:0/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");
    private static final int SIX_TO_FOUR_IPV4_OFFSET = 2;

    /** First match wins, so a block listed early carves its addresses out of a later, wider one. */
    private static final List<Block> BLOCKS = List.of(
            block("0.0.0.0/8", PeerVerdict.UNSPECIFIED),
            block("10.0.0.0/8", PeerVerdict.PRIVATE),
            block("100.64.0.0/10", PeerVerdict.SHARED),
            block("127.0.0.0/8", PeerVerdict.LOOPBACK),
            block("169.254.0.0/16", PeerVerdict.LINK_LOCAL),
            block("172.16.0.0/12", PeerVerdict.PRIVATE),
            block("192.0.0.0/24", PeerVerdict.SPECIAL_PURPOSE),
            block("192.0.2.0/24", PeerVerdict.DOCUMENTATION),
            block("192.88.99.0/24", PeerVerdict.SPECIAL_PURPOSE),
            block("192.168.0.0/16", PeerVerdict.PRIVATE),
            block("198.18.0.0/15", PeerVerdict.SPECIAL_PURPOSE),
            block("198.51.100.0/24", PeerVerdict.DOCUMENTATION),
            block("203.0.113.0/24", PeerVerdict.DOCUMENTATION),
            block("224.0.0.0/4", PeerVerdict.MULTICAST),
            block("255.255.255.255/32", PeerVerdict.BROADCAST),
            block("240.0.0.0/4", PeerVerdict.RESERVED),
            block("::/128", PeerVerdict.UNSPECIFIED),
            block("::1/128", PeerVerdict.LOOPBACK),
            block("64:ff9b:1::/48", PeerVerdict.SPECIAL_PURPOSE),
            block("100::/64", PeerVerdict.SPECIAL_PURPOSE),
            block("2001:2::/48", PeerVerdict.SPECIAL_PURPOSE),
            block("2001:db8::/32", PeerVerdict.DOCUMENTATION),
            block("3fff::/20", PeerVerdict.DOCUMENTATION),
            block("fc00::/7", PeerVerdict.UNIQUE_LOCAL),
            block("fe80::/10", PeerVerdict.LINK_LOCAL),
            block("fec0::/10", PeerVerdict.SITE_LOCAL),
            block("ff00::/8", PeerVerdict.MULTICAST),
            // IANA has handed out only 2000::/3 for global unicast; the rest of the space is reserved
            block("::/3", PeerVerdict.RESERVED),
            block("4000::/2", PeerVerdict.RESERVED),
            block("8000::/1", PeerVerdict.RESERVED));

    private final List<Cidr> allowed;
    private final Set<ByteBuffer> serverAddresses;
    private final Set<InetSocketAddress> listeningEndpoints;
    private final Set<Integer> wildcardListeningPorts;

    private PeerAddressPolicy(Builder builder) {
        this.allowed = List.copyOf(builder.allowed);
        this.serverAddresses = Set.copyOf(builder.serverAddresses);
        this.listeningEndpoints = Set.copyOf(builder.listeningEndpoints);
        this.wildcardListeningPorts = Set.copyOf(builder.wildcardListeningPorts);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The IPv4 address behind an IPv4-mapped ({@code ::ffff:a.b.c.d}) or IPv4-compatible
     * ({@code ::a.b.c.d}) IPv6 address; any other address unchanged. {@code ::} and {@code ::1}
     * stay IPv6: they are the IPv6 unspecified and loopback addresses, not IPv4 ones.
     */
    public static InetAddress canonicalize(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] bytes = address.getAddress();
        return embedsIpv4InLowBits(bytes) ? ipv4(Arrays.copyOfRange(bytes, 12, 16)) : address;
    }

    /**
     * Whether a client may ask for a permission to {@code peer}, and whether data may pass to
     * and from it when the port does not matter. Prefer {@link #check(InetSocketAddress)} where
     * the port is known: it also refuses the ports this server listens on.
     */
    public PeerVerdict check(InetAddress peer) {
        return verdict(canonicalize(Objects.requireNonNull(peer, "peer")).getAddress());
    }

    /** Whether this server may send a datagram to, or relay one from, {@code peer}. */
    public PeerVerdict check(InetSocketAddress peer) {
        InetAddress address = Objects.requireNonNull(peer.getAddress(), () -> "unresolved peer " + peer);
        InetAddress canonical = canonicalize(address);
        byte[] bytes = canonical.getAddress();
        PeerVerdict verdict = verdict(bytes);
        if (verdict.allowed() && isServerAddress(bytes) && isListeningPort(canonical, peer.getPort())) {
            return PeerVerdict.SERVER_ADDRESS;
        }
        return verdict;
    }

    private PeerVerdict verdict(byte[] address) {
        if (address.length == IPV6_LENGTH) {
            if (NAT64.contains(address) || IPV4_TRANSLATED.contains(address)) {
                return verdict(Arrays.copyOfRange(address, 12, 16));
            }
            if (SIX_TO_FOUR.contains(address)) {
                int from = SIX_TO_FOUR_IPV4_OFFSET;
                PeerVerdict embedded = verdict(Arrays.copyOfRange(address, from, from + IPV4_LENGTH));
                if (!embedded.allowed()) {
                    return embedded;
                }
            }
        }
        for (Block block : BLOCKS) {
            if (block.range.contains(address)) {
                if (block.verdict.neverAllowed() || !opened(address)) {
                    return block.verdict;
                }
                break;
            }
        }
        if (isServerAddress(address) && !opened(address)) {
            return PeerVerdict.SERVER_ADDRESS;
        }
        return PeerVerdict.ALLOWED;
    }

    private boolean opened(byte[] address) {
        for (Cidr range : allowed) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private boolean isServerAddress(byte[] address) {
        return serverAddresses.contains(ByteBuffer.wrap(address));
    }

    private boolean isListeningPort(InetAddress canonical, int port) {
        return wildcardListeningPorts.contains(port) || listeningEndpoints.contains(new InetSocketAddress(canonical, port));
    }

    private static boolean embedsIpv4(byte[] address) {
        return embedsIpv4InLowBits(address) || NAT64.contains(address) || IPV4_TRANSLATED.contains(address)
                || SIX_TO_FOUR.contains(address);
    }

    /** {@code ::ffff:0:0/96} (mapped) and {@code ::/96} (compatible) except {@code ::} and {@code ::1}. */
    private static boolean embedsIpv4InLowBits(byte[] address) {
        if (address.length != IPV6_LENGTH) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        if (address[10] == (byte) 0xFF && address[11] == (byte) 0xFF) {
            return true;
        }
        return address[10] == 0 && address[11] == 0
                && !Arrays.equals(address, new byte[IPV6_LENGTH]) && !Arrays.equals(address, LOOPBACK_V6);
    }

    private static InetAddress ipv4(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new AssertionError(impossible);
        }
    }

    private static Block block(String range, PeerVerdict verdict) {
        return new Block(Cidr.parse(range), verdict);
    }

    private record Block(Cidr range, PeerVerdict verdict) {
    }

    /** Collects the allowed ranges and this server's addresses; {@link #build()} checks them. */
    public static final class Builder {
        private final List<Cidr> allowed = new ArrayList<>();
        private final Set<ByteBuffer> serverAddresses = new HashSet<>();
        private final Set<InetSocketAddress> listeningEndpoints = new HashSet<>();
        private final Set<Integer> wildcardListeningPorts = new HashSet<>();
        private boolean wildcard;

        private Builder() {
        }

        /** An {@code --allow-peer} range; it must lie inside one block that is refused by default. */
        public Builder allow(Cidr range) {
            allowed.add(Objects.requireNonNull(range, "range"));
            return this;
        }

        public Builder allow(List<Cidr> ranges) {
            ranges.forEach(this::allow);
            return this;
        }

        /**
         * An address this server relays from or is reached at (relay IP, external IP). The
         * wildcard address stands for every address of every local interface, as they are when
         * {@link #build()} runs.
         */
        public Builder serverAddress(InetAddress address) {
            InetAddress canonical = canonicalize(Objects.requireNonNull(address, "address"));
            if (canonical.isAnyLocalAddress()) {
                wildcard = true;
            } else {
                serverAddresses.add(ByteBuffer.wrap(canonical.getAddress()));
            }
            return this;
        }

        /** A transport address this server listens on; its address counts as a server address. */
        public Builder listenAddress(InetSocketAddress endpoint) {
            InetAddress address = Objects.requireNonNull(endpoint.getAddress(), () -> "unresolved " + endpoint);
            InetAddress canonical = canonicalize(address);
            serverAddress(canonical);
            if (canonical.isAnyLocalAddress()) {
                wildcardListeningPorts.add(endpoint.getPort());
            } else {
                listeningEndpoints.add(new InetSocketAddress(canonical, endpoint.getPort()));
            }
            return this;
        }

        /**
         * @throws IllegalArgumentException naming an allowed range that does not lie inside one
         *         block refused by default, or that lies in a block no range can open
         */
        public PeerAddressPolicy build() {
            allowed.forEach(Builder::requireOpenable);
            if (wildcard) {
                localInterfaceAddresses().forEach(a -> serverAddresses.add(ByteBuffer.wrap(canonicalize(a).getAddress())));
            }
            return new PeerAddressPolicy(this);
        }

        private static void requireOpenable(Cidr range) {
            InetAddress first = range.network();
            if (embedsIpv4(first.getAddress())) {
                throw new IllegalArgumentException("--allow-peer " + range + " holds IPv6 addresses that are judged"
                        + " by the IPv4 address inside them; allow that IPv4 range instead");
            }
            for (Block block : BLOCKS) {
                if (block.range.contains(first)) {
                    if (!block.range.contains(range)) {
                        break;
                    }
                    if (block.verdict.neverAllowed()) {
                        throw new IllegalArgumentException("--allow-peer " + range + " lies in " + block.range
                                + " (" + block.verdict.reason() + "), which is never relayed to");
                    }
                    return;
                }
            }
            throw new IllegalArgumentException("--allow-peer " + range + " must lie inside one range that is refused"
                    + " by default (such as 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, 127.0.0.0/8,"
                    + " fc00::/7); list those ranges one by one, public addresses need no --allow-peer");
        }

        private static List<InetAddress> localInterfaceAddresses() {
            try {
                return NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses).toList();
            } catch (SocketException e) {
                throw new UncheckedIOException("cannot list this host's addresses", e);
            }
        }
    }
}
