package dev.punchline.turn.client;

/** Told once when an allocation is lost; never told when it is closed on purpose. */
@FunctionalInterface
public interface AllocationLossListener {

    /** Called on the client's executor: do not block. */
    void onLost(AllocationLoss loss);
}
