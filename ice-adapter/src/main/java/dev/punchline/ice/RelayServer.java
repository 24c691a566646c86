package dev.punchline.ice;

import dev.punchline.turn.client.TransportProtocol;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A TURN server a session may allocate on, with its credentials.
 *
 * @param address        the server's resolved address
 * @param protocol       how to reach it: UDP, or TCP/TLS where UDP is blocked (the session then runs on the relay alone)
 * @param username       the static user name, or with {@code restSecret} the REST user (coturn's use-auth-secret)
 * @param password       the static password, or null with a REST secret
 * @param restSecret     the TURN REST shared secret, or null with a static password
 * @param relayedIps     the addresses this server relays from, when they differ from {@code address}'s (a server
 *                       listening on one address and relaying from another): pre-permitted on every allocation
 *                       so that relay-to-relay packets pass from the first one
 */
public record RelayServer(InetSocketAddress address, TransportProtocol protocol, String username, String password,
                          String restSecret, List<InetAddress> relayedIps) {

    public RelayServer {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(username, "username");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("relay " + address + ": resolve the address first");
        }
        if ((password == null) == (restSecret == null)) {
            throw new IllegalArgumentException("relay " + address + ": give either a password or a REST secret");
        }
        relayedIps = List.copyOf(relayedIps);
    }

    /** A UDP relay with a static user. */
    public static RelayServer udp(InetSocketAddress address, String username, String password) {
        return new RelayServer(address, TransportProtocol.UDP, username, password, null, List.of());
    }

    /** A relay with REST credentials (a user name, and the secret shared with the server). */
    public static RelayServer rest(InetSocketAddress address, TransportProtocol protocol, String user, String secret) {
        return new RelayServer(address, protocol, user, null, secret, List.of());
    }

    public RelayServer withProtocol(TransportProtocol newProtocol) {
        return new RelayServer(address, newProtocol, username, password, restSecret, relayedIps);
    }

    public RelayServer withRelayedIps(InetAddress... ips) {
        return new RelayServer(address, protocol, username, password, restSecret, List.of(ips));
    }

    /** Every address a peer's allocation on this server may send from: pre-permitted (DESIGN decision 2). */
    List<InetAddress> permitAddresses() {
        return Stream.concat(Stream.of(address.getAddress()), relayedIps.stream()).distinct().toList();
    }
}
