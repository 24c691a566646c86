package dev.punchline.ice;

import dev.punchline.ice.sdp.Candidate;
import dev.punchline.ice.sdp.CandidateType;
import dev.punchline.ice.sdp.IceCredentials;
import dev.punchline.ice.sdp.IceOptions;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One side's ICE description: what {@code a=ice-ufrag}, {@code a=ice-pwd}, {@code a=ice-options} and the
 * {@code a=candidate} lines of an SDP carry (write and read them with {@code dev.punchline.ice.sdp}).
 *
 * @param credentials      ufrag and password
 * @param options          ice-options: {@code trickle}, and {@code punchline} when Punchline framing is offered
 * @param candidates       the candidates known so far (more may trickle)
 * @param defaultCandidate the one for the SDP's {@code c=}/{@code m=} line: our relayed candidate, so that even a
 *                         peer that never runs ICE reaches us through the relay; null if there is none
 */
public record SessionDescription(IceCredentials credentials, IceOptions options, List<Candidate> candidates,
                                 Candidate defaultCandidate) {

    public SessionDescription {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(options, "options");
        candidates = List.copyOf(candidates);
    }

    /** Whether this side offers Punchline framing. */
    public boolean punchlineFraming() {
        return options.punchlineFraming();
    }

    /** The relayed candidate, if the description has one. */
    public Optional<Candidate> relayCandidate() {
        if (defaultCandidate != null && defaultCandidate.type() == CandidateType.RELAYED) {
            return Optional.of(defaultCandidate);
        }
        return candidates.stream().filter(c -> c.type() == CandidateType.RELAYED).findFirst();
    }

    /** The same description with other candidates (a signalling layer that filters, a test). */
    public SessionDescription withCandidates(List<Candidate> newCandidates) {
        return new SessionDescription(credentials, options, newCandidates, defaultCandidate);
    }
}
