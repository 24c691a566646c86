package dev.punchline.cli;

import dev.punchline.turn.server.ListenAddress;
import dev.punchline.turn.server.Transport;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code [udp:|tcp:|tls:]HOST:PORT}; without a prefix, UDP. */
final class ListenAddressConverter implements ITypeConverter<ListenAddress> {

    /** Letters then a colon: a transport name, since no address starts so (hex IPv6 groups would be bracketed). */
    private static final Pattern UNKNOWN_PREFIX = Pattern.compile("[A-Za-z]+:");

    @Override
    public ListenAddress convert(String value) {
        for (Transport transport : Transport.values()) {
            String prefix = transport.name().toLowerCase(Locale.ROOT) + ":";
            if (value.regionMatches(true, 0, prefix, 0, prefix.length())) {
                return new ListenAddress(transport, SocketAddressConverter.parse(value.substring(prefix.length())));
            }
        }
        if (UNKNOWN_PREFIX.matcher(value).lookingAt()) {
            throw new TypeConversionException("unknown transport in \"" + value + "\" (expected udp:, tcp: or tls:)");
        }
        return new ListenAddress(Transport.UDP, SocketAddressConverter.parse(value));
    }
}
