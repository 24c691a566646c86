package dev.punchline.ice.link;

/**
 * The fields of one decoded frame (see {@link LinkFrame}). Mutable and reused: the Link decodes every
 * incoming frame into the same instance, so receiving allocates nothing.
 */
public final class FrameHeader {
    int type;
    long seq;
    long echo;
    int flags;
    int lossPermille;

    public int type() {
        return type;
    }

    public long seq() {
        return seq;
    }

    public long echo() {
        return echo;
    }

    public int flags() {
        return flags;
    }

    public int lossPermille() {
        return lossPermille;
    }
}
