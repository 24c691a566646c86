package dev.punchline.tun.lab;

/**
 * What the WAN emulator has done since it started: packets it read from the routes into it, dropped as asked
 * ({@link WanConditions#loss}), dropped because its queue was full (never intended: a test seeing these sent too
 * fast), and delivered onwards.
 */
public record WanStats(long received, long dropped, long overflowed, long delivered) {
}
