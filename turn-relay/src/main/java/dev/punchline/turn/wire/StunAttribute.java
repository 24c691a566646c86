package dev.punchline.turn.wire;

/**
 * One STUN attribute, decoded. Sealed so that the encoder knows every shape it may be asked to write.
 * Records holding arrays do not copy them (decoding must not allocate twice); treat those arrays as read-only.
 */
public sealed interface StunAttribute permits XorAddress, MappedAddress, AlternateServer, Username, UserHash,
        Realm, Nonce, Software, PasswordAlgorithm, PasswordAlgorithms, MessageIntegrity, MessageIntegritySha256,
        Fingerprint, ErrorCode, UnknownAttributes, Lifetime, ChannelNumber, Data, RequestedTransport,
        RequestedAddressFamily, DontFragment, EvenPort, ReservationToken, Priority, UseCandidate, IceControlling,
        IceControlled, OpaqueAttribute {

    int type();
}
