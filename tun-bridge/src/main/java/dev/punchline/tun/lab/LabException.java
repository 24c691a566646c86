package dev.punchline.tun.lab;

/** The lab could not be built, changed or torn down; the message names the step and carries the tool's output. */
public final class LabException extends RuntimeException {

    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
