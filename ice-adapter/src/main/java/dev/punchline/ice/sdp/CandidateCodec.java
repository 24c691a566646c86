package dev.punchline.ice.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes {@code a=candidate} (RFC 8839 §5.1; {@code tcptype} from RFC 6544). Reading accepts the line
 * with or without {@code a=} and its line ending, transports in any case, and {@code raddr}/{@code rport}/
 * {@code tcptype} wherever they stand after {@code typ}; every other name/value pair is kept in order. Writing
 * puts the fields in the RFC's order, the transport in upper case.
 */
public final class CandidateCodec {
    private static final String NAME = "candidate";
    private static final String[] POSITIONAL = {
        "foundation", "component-id", "transport", "priority", "connection-address", "port", "typ", "cand-type"};
    private static final int MAX_COMPONENT_DIGITS = 3;
    private static final int MAX_PRIORITY_DIGITS = 10;
    private static final int MAX_PORT_DIGITS = 5;

    private CandidateCodec() {
    }

    /** Parses {@code [a=]candidate:...}; the exception names the field and the offending text. */
    public static Candidate parse(String line) throws SdpParseException {
        List<String> f = SdpLine.fields(SdpLine.value(line, NAME));
        if (f.size() < POSITIONAL.length) {
            throw new SdpParseException(POSITIONAL[f.size()], line, "is missing");
        }
        String foundation = f.get(0);
        if (foundation.length() > Candidate.MAX_FOUNDATION || !IceChars.allIceChars(foundation)) {
            throw new SdpParseException("foundation", foundation, "is not 1 to 32 ice-chars");
        }
        int component = (int) number(f.get(1), "component-id", MAX_COMPONENT_DIGITS, Candidate.MAX_COMPONENT);
        if (component == 0) {
            throw new SdpParseException("component-id", f.get(1), "is not 1 to 256");
        }
        CandidateTransport transport = CandidateTransport.parse(f.get(2));
        long priority = number(f.get(3), "priority", MAX_PRIORITY_DIGITS, Candidate.MAX_PRIORITY);
        String address = address(f.get(4), "connection-address");
        int port = port(f.get(5), "port");
        if (!f.get(6).equals("typ")) {
            throw new SdpParseException("typ", f.get(6), "stands where 'typ' belongs");
        }
        CandidateType type = SdpToken.parse(CandidateType.class, f.get(7), "cand-type");

        String raddr = null;
        Integer rport = null;
        TcpType tcpType = null;
        List<CandidateExtension> extensions = new ArrayList<>();
        for (int i = POSITIONAL.length; i < f.size(); i += 2) {
            String name = f.get(i);
            if (i + 1 == f.size()) {
                throw new SdpParseException(isReservedName(name) ? name : "cand-extension", name, "has no value");
            }
            String value = f.get(i + 1);
            switch (name) {
                case "raddr" -> raddr = once(raddr, address(value, "raddr"), name);
                case "rport" -> rport = once(rport, port(value, "rport"), name);
                case "tcptype" -> tcpType = once(tcpType, SdpToken.parse(TcpType.class, value, name), name);
                case "typ" -> throw new SdpParseException("typ", value, "follows a second 'typ'");
                default -> extensions.add(extension(name, value));
            }
        }
        return new Candidate(foundation, component, transport, priority, address, port, type, raddr,
                rport == null ? Candidate.NO_PORT : rport, tcpType, extensions);
    }

    /** The attribute value {@code candidate:...}; an SDP line is {@code "a=" + format(c)}. */
    public static String format(Candidate c) {
        StringBuilder s = new StringBuilder(96).append(NAME).append(':')
                .append(c.foundation()).append(' ')
                .append(c.component()).append(' ')
                .append(c.transport().token()).append(' ')
                .append(c.priority()).append(' ')
                .append(c.address()).append(' ')
                .append(c.port())
                .append(" typ ").append(c.type().token());
        if (c.relatedAddress() != null) {
            s.append(" raddr ").append(c.relatedAddress());
        }
        if (c.relatedPort() != Candidate.NO_PORT) {
            s.append(" rport ").append(c.relatedPort());
        }
        if (c.tcpType() != null) {
            s.append(" tcptype ").append(c.tcpType().token());
        }
        for (CandidateExtension e : c.extensions()) {
            s.append(' ').append(e.name()).append(' ').append(e.value());
        }
        return s.toString();
    }

    /** Names that have a field of their own and so can never be an extension. */
    static boolean isReservedName(String name) {
        return name.equals("typ") || name.equals("raddr") || name.equals("rport") || name.equals("tcptype");
    }

    private static long number(String text, String field, int maxDigits, long max) throws SdpParseException {
        if (!IceChars.allDigits(text) || text.length() > maxDigits || Long.parseLong(text) > max) {
            throw new SdpParseException(field, text, "is not a number from 0 to " + max);
        }
        return Long.parseLong(text);
    }

    private static int port(String text, String field) throws SdpParseException {
        return (int) number(text, field, MAX_PORT_DIGITS, Candidate.MAX_PORT);
    }

    private static String address(String text, String field) throws SdpParseException {
        String problem = ConnectionAddress.problem(text);
        if (problem != null) {
            throw new SdpParseException(field, text, problem);
        }
        return text;
    }

    private static CandidateExtension extension(String name, String value) throws SdpParseException {
        if (!IceChars.isToken(name)) {
            throw new SdpParseException("cand-extension", name, "is not a token");
        }
        if (!IceChars.isVisible(value)) {
            throw new SdpParseException(name, value, "is not printable US-ASCII");
        }
        return new CandidateExtension(name, value);
    }

    private static <T> T once(T previous, T value, String name) throws SdpParseException {
        if (previous != null) {
            throw new SdpParseException(name, String.valueOf(value), "appears twice");
        }
        return value;
    }
}
