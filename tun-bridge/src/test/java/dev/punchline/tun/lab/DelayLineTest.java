package dev.punchline.tun.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DelayLineTest {

    @Test
    void packetsLeaveOldestFirstWithTheirBytesAndReleaseTimes() {
        DelayLine line = new DelayLine(10_000, 16, 1500);

        assertTrue(offer(line, packet(100, 1), 5));
        assertTrue(offer(line, packet(1500, 2), 6));
        assertTrue(offer(line, packet(20, 3), 6));

        assertEquals(5, line.nextRelease());
        assertArrayEquals(packet(100, 1), take(line));
        assertEquals(6, line.nextRelease());
        assertArrayEquals(packet(1500, 2), take(line));
        assertArrayEquals(packet(20, 3), take(line));
        assertTrue(line.isEmpty());
    }

    @Test
    void aLineFullOfPacketsRefusesTheNextUntilTheOldestLeaves() {
        DelayLine line = new DelayLine(10_000, 4, 100);
        for (int i = 0; i < 4; i++) {
            assertTrue(offer(line, packet(10, i), i));
        }

        assertFalse(offer(line, packet(10, 9), 9), "a fifth packet in a line of four");
        take(line);
        assertTrue(offer(line, packet(10, 4), 4));
        for (int i = 1; i <= 4; i++) {
            assertArrayEquals(packet(10, i), take(line), "the refused packet took a place");
        }
    }

    @Test
    void aLineFullOfBytesWrapsAroundOnlyOnceTheOldestBytesAreFree() {
        DelayLine line = new DelayLine(1000, 100, 300);
        for (int i = 0; i < 3; i++) {
            assertTrue(offer(line, packet(250, i), i), "packet " + i + " of three that fit");
        }

        assertFalse(offer(line, packet(250, 9), 9), "no room for a largest packet after the third, nor before the first");
        take(line);
        assertFalse(offer(line, packet(250, 9), 9), "250 bytes free before the oldest, short of a largest packet");
        take(line);
        assertTrue(offer(line, packet(250, 3), 3), "500 bytes free at the start");
        assertFalse(offer(line, packet(250, 9), 9), "only 250 bytes between the newest and the oldest");

        assertArrayEquals(packet(250, 2), take(line));
        assertArrayEquals(packet(250, 3), take(line));
        assertTrue(line.isEmpty());
    }

    @Test
    void heldPacketsSurviveAnyMixOfSizesArrivalsAndDepartures() {
        DelayLine line = new DelayLine(20_000, 64, 1500);
        Deque<byte[]> held = new ArrayDeque<>();
        SplittableRandom random = new SplittableRandom(7);
        int refused = 0;
        for (int step = 0; step < 200_000; step++) {
            if (random.nextInt(100) < 52) {
                byte[] packet = packet(random.nextInt(1, 1501), step);
                if (offer(line, packet, step)) {
                    held.addLast(packet);
                } else {
                    refused++;
                }
            } else if (!held.isEmpty()) {
                assertArrayEquals(held.removeFirst(), take(line), "at step " + step);
            }
            assertEquals(held.isEmpty(), line.isEmpty());
        }
        assertTrue(refused > 0, "the line never filled, so its limits went untested");
    }

    /** Reads {@code packet} into the line as the TUN device would, and adds it. */
    private static boolean offer(DelayLine line, byte[] packet, long release) {
        ByteBuffer space = line.space();
        space.put(packet);
        return line.add(packet.length, release);
    }

    private static byte[] take(DelayLine line) {
        ByteBuffer next = line.next();
        byte[] bytes = new byte[next.remaining()];
        next.get(bytes);
        line.remove();
        return bytes;
    }

    /** {@code length} bytes that differ from packet to packet and from byte to byte. */
    private static byte[] packet(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed * 31 + i);
        }
        return bytes;
    }
}
