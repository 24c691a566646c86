package dev.punchline.ice.net;

/** A route in a {@link Demultiplexer}; closing it removes the route (idempotent, any thread). */
@FunctionalInterface
public interface Registration extends AutoCloseable {
    @Override
    void close();
}
