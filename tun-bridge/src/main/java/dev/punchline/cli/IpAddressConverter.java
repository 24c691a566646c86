package dev.punchline.cli;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * An IPv4 or IPv6 literal. Host names are refused: a relay's addresses must not change with DNS,
 * and a lookup at start-up would make a typo look like a network failure.
 */
final class IpAddressConverter implements ITypeConverter<InetAddress> {

    @Override
    public InetAddress convert(String value) {
        return parse(value);
    }

    static InetAddress parse(String value) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(value);
        if (bytes == null) {
            throw new TypeConversionException("expected an IP address, got \"" + value + "\"");
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("4 or 16 bytes are always an address", impossible);
        }
    }
}
