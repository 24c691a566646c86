package dev.punchline.tun.process;

/** An external program could not be started, did not do what was awaited, or would not die; the message says which. */
public final class ExternalProcessException extends RuntimeException {

    public ExternalProcessException(String message) {
        super(message);
    }

    public ExternalProcessException(String message, Throwable cause) {
        super(message, cause);
    }
}
