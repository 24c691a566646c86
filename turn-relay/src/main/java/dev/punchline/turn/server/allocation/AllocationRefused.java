package dev.punchline.turn.server.allocation;

/** An Allocate the server cannot grant, with the STUN error code to answer (440, 486, 508). */
public final class AllocationRefused extends Exception {

    private final int code;

    public AllocationRefused(int code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
