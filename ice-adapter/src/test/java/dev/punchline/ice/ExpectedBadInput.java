package dev.punchline.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.Map;

/** The bad input a test sent a session, by the reason it must be counted under. Shared with the lab tests. */
public final class ExpectedBadInput {
    private final Map<BadInput, Long> expected = new EnumMap<>(BadInput.class);

    public void add(BadInput reason, long datagrams) {
        expected.merge(reason, datagrams, Long::sum);
    }

    /** Each reason's count grew from {@code before} to {@code after} by exactly what was sent: none lost, none extra. */
    public void assertCounted(BadInputCounts before, BadInputCounts after) {
        for (BadInput reason : BadInput.values()) {
            assertEquals(expected.getOrDefault(reason, 0L), after.count(reason) - before.count(reason),
                    reason + ": " + after + " vs " + before + ", expected " + this + " more");
        }
    }

    @Override
    public String toString() {
        return expected.toString();
    }
}
