package dev.punchline.bench;

import dev.punchline.bench.load.SessionSet;
import dev.punchline.bench.load.TurnEndpoint;
import dev.punchline.bench.server.RelayLauncher;
import dev.punchline.bench.server.RelayProcess;
import dev.punchline.bench.server.RelaySetup;

/** One relay during a run: its process, the sessions loading it, its rate search and what has been measured. */
final class RelayUnderTest implements AutoCloseable {

    private final RelayLauncher launcher;
    private final RelaySetup setup;
    private final RelayProcess process;
    private final TurnEndpoint endpoint;
    private final RateSearch search;
    private SessionSet sessions;
    private long residentBefore;
    private long residentAfter;
    private RelayStep latency;

    RelayUnderTest(RelayLauncher launcher, RelaySetup setup, RelayProcess process, TurnEndpoint endpoint,
                   RateSearch search) {
        this.launcher = launcher;
        this.setup = setup;
        this.process = process;
        this.endpoint = endpoint;
        this.search = search;
    }

    String name() {
        return launcher.name();
    }

    String describe() {
        return launcher.describe(setup);
    }

    RelayProcess process() {
        return process;
    }

    TurnEndpoint endpoint() {
        return endpoint;
    }

    RateSearch search() {
        return search;
    }

    SessionSet sessions() {
        return sessions;
    }

    void sessions(SessionSet loaded) {
        this.sessions = loaded;
    }

    void resident(long before, long after) {
        this.residentBefore = before;
        this.residentAfter = after;
    }

    void latency(RelayStep step) {
        this.latency = step;
    }

    RelayFigures figures(int idleAllocations) {
        return new RelayFigures(name(), describe(), search.best(), latency, residentBefore, residentAfter,
                idleAllocations, search.steps());
    }

    /** Deletes the allocations, then stops the relay. */
    @Override
    public void close() {
        try {
            if (sessions != null) {
                sessions.close();
            }
        } finally {
            process.close();
        }
    }
}
