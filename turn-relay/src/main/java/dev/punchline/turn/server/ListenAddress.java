package dev.punchline.turn.server;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Objects;

/** One address the server accepts clients on, and over what. */
public record ListenAddress(Transport transport, InetSocketAddress address) {

    public ListenAddress {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("listen: unresolved address " + address.getHostString());
        }
    }

    public static ListenAddress udp(InetSocketAddress address) {
        return new ListenAddress(Transport.UDP, address);
    }

    public static ListenAddress tcp(InetSocketAddress address) {
        return new ListenAddress(Transport.TCP, address);
    }

    public static ListenAddress tls(InetSocketAddress address) {
        return new ListenAddress(Transport.TLS, address);
    }

    @Override
    public String toString() {
        String host = address.getAddress().getHostAddress();
        return transport.name().toLowerCase(Locale.ROOT) + ":" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + address.getPort();
    }
}
