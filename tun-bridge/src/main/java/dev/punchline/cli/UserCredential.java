package dev.punchline.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A static TURN user, {@code NAME:PASSWORD}; the password may contain ':' (the first one splits). */
record UserCredential(String name, String password) {

    /** Parses one entry. The message never repeats the value: it may hold a password. */
    static UserCredential parse(String value) {
        int colon = value.indexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new TypeConversionException("expected NAME:PASSWORD with neither empty");
        }
        return new UserCredential(value.substring(0, colon), value.substring(colon + 1));
    }

    @Override
    public String toString() {
        return name + ":***";
    }

    static final class Converter implements ITypeConverter<UserCredential> {
        @Override
        public UserCredential convert(String value) {
            return parse(value);
        }
    }
}
