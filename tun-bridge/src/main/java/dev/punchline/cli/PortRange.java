package dev.punchline.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The {@code --ports MIN-MAX} value. Whether MIN ≤ MAX is the server configuration's check. */
record PortRange(int min, int max) {

    static final class Converter implements ITypeConverter<PortRange> {
        @Override
        public PortRange convert(String value) {
            String[] parts = value.split("-", -1);
            try {
                if (parts.length == 2) {
                    return new PortRange(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
                }
            } catch (NumberFormatException e) {
                // Reported below with the whole value.
            }
            throw new TypeConversionException("expected MIN-MAX, got \"" + value + "\"");
        }
    }
}
