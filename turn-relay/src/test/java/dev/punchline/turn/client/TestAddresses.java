package dev.punchline.turn.client;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Literal addresses for tests, without the checked exception. */
public final class TestAddresses {
    public static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    public static final InetAddress LOOPBACK_IPV6 = of("::1");

    private TestAddresses() {
    }

    public static InetAddress of(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
