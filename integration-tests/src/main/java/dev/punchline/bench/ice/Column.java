package dev.punchline.bench.ice;

import java.util.ArrayList;
import java.util.List;

/** One implementation's sessions in one case: what the measured ones gave, and how many failed. */
final class Column {

    private final String name;
    private final List<SessionTimes> sessions = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    Column(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    void add(SessionTimes times) {
        sessions.add(times);
    }

    void fail(String why) {
        failures.add(why);
    }

    List<SessionTimes> sessions() {
        return List.copyOf(sessions);
    }

    int failed() {
        return failures.size();
    }
}
