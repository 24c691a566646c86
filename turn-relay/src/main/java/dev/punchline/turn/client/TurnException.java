package dev.punchline.turn.client;

import java.util.concurrent.CompletionException;

/** Why a TURN request or operation did not succeed; the futures of this package fail with its subclasses. */
public abstract class TurnException extends Exception {

    protected TurnException(String message) {
        super(message);
    }

    /** The real failure behind a future's CompletionException. */
    static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
