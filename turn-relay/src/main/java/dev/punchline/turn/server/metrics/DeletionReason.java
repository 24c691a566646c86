package dev.punchline.turn.server.metrics;

/** Why an allocation ended; logged and counted. */
public enum DeletionReason {
    /** The client sent Refresh with LIFETIME 0. */
    REFRESH_0("refresh-0"),
    /** Its lifetime ran out without a refresh. */
    EXPIRED("expired"),
    /** The stream (TCP/TLS) connection carrying it closed. */
    CONNECTION_CLOSED("connection-closed"),
    /** The relay socket failed in a way the server could not ride out. */
    RELAY_FAILED("relay-failed"),
    /** The server shut down. */
    CLOSE("close");

    private final String label;

    DeletionReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
