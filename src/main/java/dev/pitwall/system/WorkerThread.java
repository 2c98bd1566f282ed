package dev.pitwall.system;

import java.time.Duration;
import org.springframework.context.SmartLifecycle;

/**
 * A component's own background thread, started and stopped with the application: group-commit
 * writers, the outbox dispatcher, the signal fold, the notification sender and the triage ranking
 * each run one. The thread runs {@link #loop()}, which returns once {@link #running()} turns false;
 * stopping wakes it through {@link #wakeForStop()} and waits a bounded time for it to finish what it
 * holds. Each subclass says in {@link #getPhase()} where it stops relative to the web server (which
 * drains requests at {@code DEFAULT_PHASE - 1024}) and the database.
 */
public abstract class WorkerThread implements SmartLifecycle {

    private final String name;
    private final boolean daemon;
    private final Duration stopWait;
    private volatile boolean running;
    private Thread thread;

    /**
     * @param name the thread's name, as thread dumps and profilers show it
     * @param daemon false when the JVM must not exit while the thread still holds acknowledged work
     * @param stopWait how long {@link #stop()} waits for the loop to finish
     */
    protected WorkerThread(String name, boolean daemon, Duration stopWait) {
        this.name = name;
        this.daemon = daemon;
        this.stopWait = stopWait;
    }

    /** The thread's work; returns once {@link #running()} is false (after draining, where it must). */
    protected abstract void loop();

    /** Unblocks a loop that waits for work, so that it sees the stop at once. */
    protected void wakeForStop() {}

    /** Resets what a previous run left, before the thread starts. */
    protected void beforeStart() {}

    protected final boolean running() {
        return running;
    }

    /** For a loop that cannot go on (interrupted): the component reports itself stopped. */
    protected final void halt() {
        running = false;
    }

    @Override
    public final void start() {
        beforeStart();
        running = true;
        Thread.Builder builder = Thread.ofPlatform().daemon(daemon).name(name);
        thread = builder.start(this::loop);
    }

    @Override
    public final void stop() {
        running = false;
        wakeForStop();
        if (thread != null) {
            try {
                thread.join(stopWait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public final boolean isRunning() {
        return running;
    }
}
