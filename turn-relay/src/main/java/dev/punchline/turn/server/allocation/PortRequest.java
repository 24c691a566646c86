package dev.punchline.turn.server.allocation;

/**
 * Which relay port an Allocate asks for: any, an even one (EVEN-PORT), an even one with the next port held for a
 * later Allocate (EVEN-PORT with R), or the port held under a RESERVATION-TOKEN.
 */
public record PortRequest(boolean even, boolean reserveNext, byte[] reservationToken) {

    public static final PortRequest ANY = new PortRequest(false, false, null);

    public static PortRequest even(boolean reserveNext) {
        return new PortRequest(true, reserveNext, null);
    }

    public static PortRequest reserved(byte[] token) {
        return new PortRequest(false, false, token.clone());
    }
}
