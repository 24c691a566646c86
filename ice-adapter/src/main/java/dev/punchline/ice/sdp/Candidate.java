package dev.punchline.ice.sdp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One ICE candidate as {@code a=candidate} describes it (RFC 8839 §5.1, TCP per RFC 6544). Immutable.
 * {@link CandidateCodec} reads and writes its text form.
 *
 * @param foundation     1 to 32 ice-chars
 * @param component      1 to 256 (1 is RTP or the only component)
 * @param transport      UDP or TCP
 * @param priority       a 32-bit unsigned value
 * @param address        an IPv4 or IPv6 literal, or a host name (mDNS {@code .local} names included), as text
 * @param port           0 to 65535 (TCP active candidates announce 9)
 * @param type           host, srflx, prflx or relay
 * @param relatedAddress {@code raddr}, or null
 * @param relatedPort    {@code rport}, or -1 when absent
 * @param tcpType        {@code tcptype}, or null
 * @param extensions     the other name/value pairs, in their order on the line
 */
public record Candidate(String foundation, int component, CandidateTransport transport, long priority,
                        String address, int port, CandidateType type, String relatedAddress, int relatedPort,
                        TcpType tcpType, List<CandidateExtension> extensions) {
    public static final int NO_PORT = -1;
    static final int MAX_FOUNDATION = 32;
    static final int MAX_COMPONENT = 256;
    static final long MAX_PRIORITY = 0xFFFF_FFFFL;
    static final int MAX_PORT = 0xFFFF;

    public Candidate {
        requireThat(foundation != null && !foundation.isEmpty() && foundation.length() <= MAX_FOUNDATION
                && IceChars.allIceChars(foundation), "foundation", foundation, "is not 1 to 32 ice-chars");
        requireThat(component >= 1 && component <= MAX_COMPONENT, "component-id", component, "is not 1 to 256");
        requireThat(transport != null, "transport", null, "is missing");
        requireThat(priority >= 0 && priority <= MAX_PRIORITY, "priority", priority, "is not a 32-bit unsigned value");
        String addressProblem = address == null ? "is missing" : ConnectionAddress.problem(address);
        requireThat(addressProblem == null, "connection-address", address, addressProblem);
        requireThat(port >= 0 && port <= MAX_PORT, "port", port, "is not 0 to 65535");
        requireThat(type != null, "cand-type", null, "is missing");
        String relatedProblem = relatedAddress == null ? null : ConnectionAddress.problem(relatedAddress);
        requireThat(relatedProblem == null, "raddr", relatedAddress, relatedProblem);
        requireThat(relatedPort == NO_PORT || (relatedPort >= 0 && relatedPort <= MAX_PORT), "rport", relatedPort,
                "is not 0 to 65535");
        extensions = List.copyOf(extensions);
        for (CandidateExtension e : extensions) {
            requireThat(!CandidateCodec.isReservedName(e.name()), "cand-extension", e.name(),
                    "has a field of its own in Candidate");
        }
    }

    /** A candidate without related address, tcptype or extensions. */
    public static Candidate of(String foundation, int component, CandidateTransport transport, long priority,
                               String address, int port, CandidateType type) {
        return new Candidate(foundation, component, transport, priority, address, port, type, null, NO_PORT, null,
                List.of());
    }

    /** A host, srflx, prflx or relay candidate at {@code address} (UDP, the usual case). */
    public static Candidate udp(String foundation, int component, long priority, InetSocketAddress address,
                                CandidateType type) {
        return of(foundation, component, CandidateTransport.UDP, priority, address.getAddress().getHostAddress(),
                address.getPort(), type);
    }

    public Candidate withRelated(String raddr, int rport) {
        return new Candidate(foundation, component, transport, priority, address, port, type, raddr, rport, tcpType,
                extensions);
    }

    public Candidate withRelated(InetSocketAddress related) {
        return withRelated(related.getAddress().getHostAddress(), related.getPort());
    }

    public Candidate withTcpType(TcpType newTcpType) {
        return new Candidate(foundation, component, transport, priority, address, port, type, relatedAddress,
                relatedPort, newTcpType, extensions);
    }

    /** This candidate with one more extension pair at the end. */
    public Candidate withExtension(String name, String value) {
        List<CandidateExtension> more = new ArrayList<>(extensions);
        more.add(new CandidateExtension(name, value));
        return new Candidate(foundation, component, transport, priority, address, port, type, relatedAddress,
                relatedPort, tcpType, more);
    }

    /** The value of the first extension called {@code name} (e.g. {@code generation}). */
    public Optional<String> extension(String name) {
        return extensions.stream().filter(e -> e.name().equals(name)).map(CandidateExtension::value).findFirst();
    }

    /** The address if it is an IP literal; empty for a host name, which is never looked up here. */
    public Optional<InetAddress> ipAddress() {
        return ConnectionAddress.literal(address);
    }

    /** Address and port, if the address is an IP literal. */
    public Optional<InetSocketAddress> socketAddress() {
        return ipAddress().map(a -> new InetSocketAddress(a, port));
    }

    /** {@code raddr}/{@code rport} as a socket address, if both are present and raddr is an IP literal. */
    public Optional<InetSocketAddress> relatedSocketAddress() {
        if (relatedAddress == null || relatedPort == NO_PORT) {
            return Optional.empty();
        }
        return ConnectionAddress.literal(relatedAddress).map(a -> new InetSocketAddress(a, relatedPort));
    }

    /** An mDNS name ({@code <uuid>.local}) that only multicast DNS on the peer's link resolves. */
    public boolean isMdns() {
        return ConnectionAddress.isMdns(address);
    }

    /**
     * RFC 8445 §5.1.2.1: {@code 2^24 * type preference + 2^8 * local preference + (256 - component)}.
     *
     * @param typePreference  0 to 126 (RFC 8445 recommends 126 host, 110 prflx, 100 srflx, 0 relay)
     * @param localPreference 0 to 65535
     */
    public static long priority(int typePreference, int localPreference, int component) {
        if (typePreference < 0 || typePreference > 126 || localPreference < 0 || localPreference > 0xFFFF
                || component < 1 || component > MAX_COMPONENT) {
            throw new IllegalArgumentException("priority inputs out of range: type preference " + typePreference
                    + ", local preference " + localPreference + ", component " + component);
        }
        return ((long) typePreference << 24) + ((long) localPreference << 8) + (MAX_COMPONENT - component);
    }

    /** The {@code a=candidate} attribute value, {@code candidate:...} (prepend {@code a=} for an SDP line). */
    @Override
    public String toString() {
        return CandidateCodec.format(this);
    }

    private static void requireThat(boolean ok, String field, Object value, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(field + ": '" + value + "' " + problem);
        }
    }
}
