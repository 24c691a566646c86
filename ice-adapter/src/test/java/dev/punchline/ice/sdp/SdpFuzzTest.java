package dev.punchline.ice.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/** Whatever text arrives, the codec answers with a value or its own exception, never anything else. */
class SdpFuzzTest {
    private static final List<String> SEEDS = List.of(
            "a=candidate:842163049 1 udp 1677729535 203.0.113.7 54400 typ srflx raddr 192.168.1.20 rport 54400"
                    + " generation 0 network-cost 999",
            "candidate:2 1 TCP 2105508095 192.168.0.14 52564 typ host tcptype passive",
            "candidate:28 1 UDP 2121859327 fd86:2df3:c714:1:c0b:afbe:38fd:a54e 33776 typ host",
            "candidate:0 1 UDP 2122252543 3ed1a9a6-7ad9-4ee9-a3ae-2e9fb4e96b01.local 60219 typ host\r\n",
            "a=ice-ufrag:CG5L", "a=ice-pwd:M2sO6U/p4MzI0pG28p4ASLcj", "a=ice-options:trickle punchline",
            "a=end-of-candidates");

    @Property(tries = 100_000, shrinking = ShrinkingMode.BOUNDED)
    void mutatedLinesOnlyEverRaiseTheCodecsException(@ForAll("mutatedLines") String line) {
        parseEverything(line);
    }

    @Property(tries = 100_000, shrinking = ShrinkingMode.BOUNDED)
    void randomTextOnlyEverRaisesTheCodecsException(@ForAll("sdpishText") String line) {
        parseEverything(line);
        parseEverything("a=candidate:" + line);
    }

    @Property(tries = 10_000)
    void everyCandidateRoundTrips(@ForAll("candidates") Candidate candidate) throws SdpParseException {
        assertEquals(candidate, CandidateCodec.parse(CandidateCodec.format(candidate)));
        assertEquals(candidate, CandidateCodec.parse("a=" + CandidateCodec.format(candidate) + "\r\n"));
    }

    private interface Parse {
        void run() throws SdpParseException;
    }

    private static void parseEverything(String line) {
        for (Parse parse : List.<Parse>of(() -> CandidateCodec.parse(line), () -> IceAttributes.parseUfrag(line),
                () -> IceAttributes.parsePwd(line), () -> IceAttributes.parseOptions(line),
                () -> IceAttributes.isEndOfCandidates(line))) {
            try {
                parse.run();
            } catch (SdpParseException expected) {
                // the one exception allowed out
            }
        }
    }

    @Provide
    Arbitrary<String> sdpishText() {
        return Arbitraries.strings()
                .withChars("0123456789abcdefxyzABCDEF :.-/+%[]\t\r\n=")
                .withChars('\u0000', '\u00e9', '\u2028')
                .ofMaxLength(120);
    }

    /** A seed line and a random number of edits, drawn from one seed: cheap to generate 100k of. */
    @Provide
    Arbitrary<String> mutatedLines() {
        return Combinators.combine(Arbitraries.of(SEEDS), Arbitraries.longs()).as(SdpFuzzTest::mutate);
    }

    /** Each edit deletes, inserts, replaces, or duplicates text at a random place. */
    private static String mutate(String seed, long randomSeed) {
        SplittableRandom random = new SplittableRandom(randomSeed);
        StringBuilder s = new StringBuilder(seed);
        String alphabet = "0123456789 :.-typhostudpUDPraddrportcandidate\t\u00ff";
        for (int edits = 1 + random.nextInt(6); edits > 0; edits--) {
            int at = random.nextInt(s.length() + 1);
            char c = alphabet.charAt(random.nextInt(alphabet.length()));
            switch (random.nextInt(4)) {
                case 0 -> {
                    if (at < s.length()) {
                        s.deleteCharAt(at);
                    }
                }
                case 1 -> s.insert(at, c);
                case 2 -> {
                    if (at < s.length()) {
                        s.setCharAt(at, c);
                    }
                }
                default -> s.insert(at, s.substring(at, Math.min(s.length(), at + random.nextInt(12))));
            }
        }
        return s.toString();
    }

    @Provide
    Arbitrary<Candidate> candidates() {
        Arbitrary<String> iceChars = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9')
                .withChars('+', '/').ofMinLength(1).ofMaxLength(32);
        Arbitrary<String> address = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 255).list().ofSize(4)
                        .map(b -> b.get(0) + "." + b.get(1) + "." + b.get(2) + "." + b.get(3)),
                Arbitraries.integers().between(0, 0xFFFF).list().ofSize(8).map(SdpFuzzTest::ipv6),
                Arbitraries.strings().withCharRange('a', 'f').withCharRange('0', '9').ofLength(8)
                        .map(n -> "x" + n + ".local"));
        Arbitrary<Integer> port = Arbitraries.integers().between(0, 65535);
        Arbitrary<Candidate> base = Combinators.combine(iceChars, Arbitraries.integers().between(1, 256),
                Arbitraries.of(CandidateTransport.class), Arbitraries.longs().between(0, 0xFFFF_FFFFL), address,
                port, Arbitraries.of(CandidateType.class))
                .as(Candidate::of);
        Arbitrary<List<CandidateExtension>> extensions = Combinators.combine(
                        Arbitraries.strings().withCharRange('a', 'z').withChars('-').ofMinLength(1).ofMaxLength(12)
                                .filter(n -> !CandidateCodec.isReservedName(n)),
                        Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(12))
                .as(CandidateExtension::new).list().ofMaxSize(4);
        return Combinators.combine(base, address.injectNull(0.5), port, Arbitraries.of(TcpType.class).injectNull(0.5),
                        extensions)
                .as((c, raddr, rport, tcp, ext) -> new Candidate(c.foundation(), c.component(), c.transport(),
                        c.priority(), c.address(), c.port(), c.type(), raddr, raddr == null ? Candidate.NO_PORT : rport,
                        tcp, ext));
    }

    private static String ipv6(List<Integer> groups) {
        StringBuilder s = new StringBuilder();
        for (int g : groups) {
            s.append(s.length() == 0 ? "" : ":").append(Integer.toHexString(g));
        }
        return s.toString();
    }
}
