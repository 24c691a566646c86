package dev.punchline.ice.sdp;

import java.util.ArrayList;
import java.util.List;

/** One {@code a=} line, with or without its {@code a=} and line ending: its name checked, its value split. */
final class SdpLine {
    private SdpLine() {
    }

    /** The text after {@code name:}, for a line {@code [a=]name:value[CR][LF]}. */
    static String value(String line, String name) throws SdpParseException {
        String attribute = attribute(line);
        if (!attribute.startsWith(name) || attribute.length() == name.length()
                || attribute.charAt(name.length()) != ':') {
            throw new SdpParseException("attribute", line, "is not a=" + name + ":");
        }
        return attribute.substring(name.length() + 1);
    }

    /** Whether the line is the value-less attribute {@code [a=]name}. */
    static boolean isFlag(String line, String name) {
        return attribute(line).equals(name);
    }

    /** Fields separated by SP (tabs and repeated spaces tolerated: they are common in hand-edited SDP). */
    static List<String> fields(String value) {
        List<String> fields = new ArrayList<>(16);
        int start = -1;
        for (int i = 0; i <= value.length(); i++) {
            boolean separator = i == value.length() || value.charAt(i) == ' ' || value.charAt(i) == '\t';
            if (separator && start >= 0) {
                fields.add(value.substring(start, i));
                start = -1;
            } else if (!separator && start < 0) {
                start = i;
            }
        }
        return fields;
    }

    private static String attribute(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        int start = line.startsWith("a=") ? 2 : 0;
        return line.substring(start, Math.max(start, end));
    }
}
