package dev.punchline.it.support;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RequirementsTest {

    private static final String ABSENT = "punchline-no-such-command";

    @Test
    void aMissingCommandSkipsOrFailsUnderCiNamingIt() {
        Class<? extends Throwable> expected = Requirements.strict() ? AssertionFailedError.class : TestAbortedException.class;

        Throwable thrown = assertThrows(expected, () -> Requirements.requireCommand("sh", ABSENT));

        assertTrue(thrown.getMessage().contains(ABSENT), thrown.getMessage());
        assertTrue(!thrown.getMessage().contains("sh,"), "only the missing command is named: " + thrown.getMessage());
    }

    @Test
    void presentCommandsPass() {
        Requirements.requireCommand("sh");
    }

    @Test
    void sbinIsSearchedEvenWhenNotOnThePath() {
        assertTrue(Requirements.findCommand("/bin/sh").isPresent());
        assertTrue(Requirements.findCommand(ABSENT).isEmpty());
    }
}
