package dev.punchline.ice.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A handler that keeps a copy of what it gets, for the test to look at. */
final class Received implements DatagramHandler {
    /** One delivery: the datagram's bytes, its source and how it came. */
    record Delivery(byte[] bytes, InetSocketAddress from, Via via) {
        String body() {
            return new String(bytes, 1, bytes.length - 1, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final String name;
    private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();

    Received(String name) {
        this.name = name;
    }

    @Override
    public void receive(ByteBuf datagram, InetSocketAddress from, Via via) {
        deliveries.add(new Delivery(ByteBufUtil.getBytes(datagram), from, via));
    }

    Delivery next() throws InterruptedException {
        Delivery d = deliveries.poll(10, TimeUnit.SECONDS);
        if (d == null) {
            throw new AssertionError(name + " received nothing within 10 s");
        }
        return d;
    }

    /** Non-blocking: what arrived so far. */
    Delivery poll() {
        return deliveries.poll();
    }

    boolean isEmpty() {
        return deliveries.isEmpty();
    }

    @Override
    public String toString() {
        return name;
    }
}
