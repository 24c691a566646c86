package dev.punchline.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UclientReportTest {

    /** The shape of turnutils_uclient 4.6.1's output: progress lines every second, then the totals. */
    private static final String FINISHED = String.join("\n",
            "0: : Total connect time is 11",
            "12: : start_mclient: msz=100, tot_send_msgs=0, tot_recv_msgs=0, tot_send_bytes ~ 0, tot_recv_bytes ~ 0",
            "14: : start_mclient: msz=100, tot_send_msgs=226, tot_recv_msgs=220, "
                    + "tot_send_bytes ~ 22600, tot_recv_bytes ~ 22000",
            "18: : start_mclient: tot_send_msgs=1000, tot_recv_msgs=997",
            "18: : start_mclient: tot_send_bytes ~ 100000, tot_recv_bytes ~ 99700",
            "18: : Total transmit time is 6",
            "18: : Total lost packets 3 (0.300000%), total send dropped 0 (0.000000%)",
            "18: : Average round trip delay 0.395000 ms; min = 0 ms, max = 22 ms",
            "");

    @Test
    void readsTheFinalTotalsNotTheProgressLines() {
        assertEquals(new UclientReport(1000, 997, 100_000, 99_700, 3), UclientReport.parse(FINISHED));
    }

    @Test
    void aRunThatDidNotFinishHasNoReport() {
        String cut = FINISHED.substring(0, FINISHED.indexOf("18: : start_mclient: tot_send_bytes"));

        AssertionError error = assertThrows(AssertionError.class, () -> UclientReport.parse(cut));

        assertTrue(error.getMessage().contains("tot_send_bytes"), error.getMessage());
    }
}
