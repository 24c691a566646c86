package dev.punchline.turn.server.policy;

/**
 * What {@link PeerAddressPolicy} says about a peer address: allowed, or the kind of address that
 * made it refused. An enum so that a check on every relayed packet allocates nothing, and so
 * that {@link #name()} can label a drop counter.
 */
public enum PeerVerdict {
    ALLOWED("allowed", false),
    /** 0.0.0.0/8 and {@code ::}: most stacks deliver them to the host itself (coturn CVE-2020-26262). */
    UNSPECIFIED("unspecified address", true),
    LOOPBACK("loopback address", false),
    /** 169.254.0.0/16 and fe80::/10; 169.254.169.254 is the cloud metadata service. */
    LINK_LOCAL("link-local address", true),
    MULTICAST("multicast address", true),
    BROADCAST("broadcast address", true),
    /** 240.0.0.0/4, "reserved for future use". */
    RESERVED("reserved address", false),
    /** 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32, 3fff::/20. */
    DOCUMENTATION("documentation address", false),
    /** RFC 1918: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16. */
    PRIVATE("private address", false),
    /** 100.64.0.0/10, carrier-grade NAT (RFC 6598). */
    SHARED("shared (carrier-grade NAT) address", false),
    /** fc00::/7 (RFC 4193). */
    UNIQUE_LOCAL("unique local address", false),
    /** fec0::/10, deprecated by RFC 3879 but still routable inside some sites. */
    SITE_LOCAL("site-local address", false),
    /**
     * The rest of IANA's special-purpose registries: 192.0.0.0/24 (protocol assignments),
     * 198.18.0.0/15 (benchmarking), 100::/64 (discard-only), 64:ff9b:1::/48 (local-use NAT64).
     */
    SPECIAL_PURPOSE("special-purpose address", false),
    /**
     * One of this server's own addresses. The server must never send to it over the network.
     * Two allocations on this server still reach each other: the server passes that traffic
     * internally, and grants a permission for its own relayed address, before asking the policy.
     */
    SERVER_ADDRESS("address of this server", false);

    private final String reason;
    private final boolean neverAllowed;

    PeerVerdict(String reason, boolean neverAllowed) {
        this.reason = reason;
        this.neverAllowed = neverAllowed;
    }

    public boolean allowed() {
        return this == ALLOWED;
    }

    /** Why the peer was refused, fit for a 403 reason phrase or a log line. */
    public String reason() {
        return reason;
    }

    /** Whether no {@code --allow-peer} range can ever open addresses of this kind. */
    public boolean neverAllowed() {
        return neverAllowed;
    }
}
