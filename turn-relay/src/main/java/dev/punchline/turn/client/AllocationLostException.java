package dev.punchline.turn.client;

/** The operation cannot happen: the allocation is lost or closed, so the client sends nothing more. */
public final class AllocationLostException extends TurnException {
    private final transient AllocationLoss loss;

    AllocationLostException(AllocationLoss loss) {
        super("allocation lost: " + loss);
        this.loss = loss;
    }

    AllocationLostException(String why) {
        super(why);
        this.loss = null;
    }

    /** Why the allocation was lost; null when it was closed on purpose or never made. */
    public AllocationLoss loss() {
        return loss;
    }
}
