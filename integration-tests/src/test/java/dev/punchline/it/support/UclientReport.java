package dev.punchline.it.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The totals turnutils_uclient prints when its run is over: messages and bytes sent and received over every session,
 * and the packets it counts as lost (sent minus received, so never negative).
 */
public record UclientReport(long sentMessages, long receivedMessages, long sentBytes, long receivedBytes,
                            long lostPackets) {

    // The periodic progress lines carry the same counters after "msz=N, "; only the final lines start with them.
    private static final Pattern MESSAGES = Pattern.compile(
            "start_mclient: tot_send_msgs=(\\d+), tot_recv_msgs=(\\d+)$", Pattern.MULTILINE);
    private static final Pattern BYTES = Pattern.compile(
            "start_mclient: tot_send_bytes ~ (\\d+), tot_recv_bytes ~ (\\d+)$", Pattern.MULTILINE);
    private static final Pattern LOST = Pattern.compile("Total lost packets (\\d+) \\(");

    /** Reads the final report from uclient's whole output; an AssertionError when the run did not get that far. */
    public static UclientReport parse(String output) {
        Matcher messages = last(MESSAGES, output);
        Matcher bytes = last(BYTES, output);
        Matcher lost = last(LOST, output);
        return new UclientReport(number(messages, 1), number(messages, 2), number(bytes, 1), number(bytes, 2),
                number(lost, 1));
    }

    private static Matcher last(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        int start = -1;
        while (matcher.find()) {
            start = matcher.start();
        }
        if (start < 0 || !matcher.find(start)) {
            throw new AssertionError("turnutils_uclient printed no final /" + pattern + "/ line");
        }
        return matcher;
    }

    private static long number(Matcher matcher, int group) {
        return Long.parseLong(matcher.group(group));
    }
}
