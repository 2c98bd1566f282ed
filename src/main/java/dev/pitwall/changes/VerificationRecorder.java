package dev.pitwall.changes;

import dev.pitwall.system.Actor;
import dev.pitwall.system.DurableEventListener;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stores what the checks module reports about a change's post-deploy verification: on the change
 * (so the timeline can mark a failure and triage can weigh it) and in its status history.
 */
@Component
class VerificationRecorder {

    private static final Logger log = LoggerFactory.getLogger(VerificationRecorder.class);

    private final ChangeRepository repository;
    private final ChangeNotifications notifications;
    private final Clock clock;

    VerificationRecorder(ChangeRepository repository, ChangeNotifications notifications, Clock clock) {
        this.repository = repository;
        this.notifications = notifications;
        this.clock = clock;
    }

    @DurableEventListener
    void on(VerificationReported report) {
        var change = repository.find(report.changeId());
        if (change.isEmpty()) {
            log.warn("Verification reported for change {}, which does not exist; ignored", report.changeId());
            return;
        }
        ChangeVerification verification =
                report.verification() == null ? ChangeVerification.NONE : report.verification();
        String summary = report.summary() == null || report.summary().isBlank()
                ? null
                : report.summary().length() > 2000 ? report.summary().substring(0, 2000) : report.summary();
        if (summary != null) {
            // one line on the timeline; control characters have no place in it
            summary = summary.replaceAll("\\p{Cntrl}", " ");
        }
        var at = report.at() == null ? clock.instant() : report.at();
        repository.setVerification(report.changeId(), verification, summary, at, clock.instant());
        repository.addHistory(
                report.changeId(),
                at,
                change.get().status(),
                verification,
                "Post-deploy verification " + verification.label() + (summary == null ? "" : ": " + summary),
                Actor.PITWALL.display());
        notifications.afterCommit(repository.find(report.changeId()).orElseThrow(), false);
    }
}
