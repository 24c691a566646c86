/**
 * The ICE attributes of SDP (RFC 8839, trickle's end-of-candidates from RFC 8840, TCP candidates from
 * RFC 6544), as text in and out: {@link dev.punchline.ice.sdp.CandidateCodec} for {@code a=candidate} into an
 * immutable {@link dev.punchline.ice.sdp.Candidate}, {@link dev.punchline.ice.sdp.IceAttributes} for
 * {@code a=ice-ufrag}, {@code a=ice-pwd} ({@link dev.punchline.ice.sdp.IceCredentials}), {@code a=ice-options}
 * ({@link dev.punchline.ice.sdp.IceOptions}, with Punchline's framing tag) and {@code a=end-of-candidates}.
 * Every parse method takes a line with or without {@code a=} and its line ending and throws only
 * {@link dev.punchline.ice.sdp.SdpParseException}, naming the field and the offending text. Nothing here
 * resolves names or touches the network.
 */
package dev.punchline.ice.sdp;
