package dev.punchline.turn.client;

import java.net.InetAddress;
import java.util.Set;

/**
 * The server refused permissions for some addresses (403 Forbidden, or 443 Peer Address Family Mismatch)
 * while others of the same request may have been granted.
 */
public final class PermissionRefusedException extends TurnException {
    private final transient Set<InetAddress> refused;
    private final transient Set<InetAddress> granted;

    PermissionRefusedException(Set<InetAddress> refused, Set<InetAddress> granted) {
        super("the server refused permission for " + refused
                + (granted.isEmpty() ? "" : "; granted for " + granted));
        this.refused = Set.copyOf(refused);
        this.granted = Set.copyOf(granted);
    }

    public Set<InetAddress> refused() {
        return refused;
    }

    public Set<InetAddress> granted() {
        return granted;
    }
}
