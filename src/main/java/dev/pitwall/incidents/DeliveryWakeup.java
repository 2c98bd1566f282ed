package dev.pitwall.incidents;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** Wakes the delivery worker after a commit that queued notifications, instead of waiting for its poll. */
@Component
class DeliveryWakeup {

    private final Semaphore permits = new Semaphore(0);

    void wake() {
        permits.release();
    }

    /** Waits for a wake-up or the poll interval, whichever comes first. */
    void await(Duration poll) throws InterruptedException {
        permits.tryAcquire(poll.toMillis(), TimeUnit.MILLISECONDS);
        permits.drainPermits();
    }
}
