package dev.punchline.cli;

import java.net.InetSocketAddress;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code HOST:PORT} with an IP literal for HOST; IPv6 in brackets ({@code [::]:3478}). Port 0 picks a free one. */
final class SocketAddressConverter implements ITypeConverter<InetSocketAddress> {

    @Override
    public InetSocketAddress convert(String value) {
        return parse(value);
    }

    static InetSocketAddress parse(String value) {
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            throw new TypeConversionException("expected HOST:PORT, got \"" + value + "\"");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new TypeConversionException("an IPv6 address needs brackets, as in [::]:3478, got \"" + value + "\"");
        }
        return new InetSocketAddress(IpAddressConverter.parse(host), port(value.substring(colon + 1), value));
    }

    private static int port(String text, String value) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // Reported below with the whole value.
        }
        throw new TypeConversionException("expected a port 0-65535 after the last ':', got \"" + value + "\"");
    }
}
