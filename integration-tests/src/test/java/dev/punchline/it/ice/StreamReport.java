package dev.punchline.it.ice;

/**
 * A stream's outcome at the receiving application.
 *
 * @param firstLost the lowest sequence number that never arrived, or -1
 */
record StreamReport(long sent, long received, long lost, long duplicated, long reordered, long malformed,
        long firstLost) {

    @Override
    public String toString() {
        return sent + " sent, " + received + " received, " + lost + " lost"
                + (firstLost >= 0 ? " (first #" + firstLost + ")" : "") + ", " + duplicated + " duplicated, "
                + reordered + " reordered" + (malformed > 0 ? ", " + malformed + " malformed" : "");
    }
}
