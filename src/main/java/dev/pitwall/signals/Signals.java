package dev.pitwall.signals;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reads stored signals, for other modules (incidents shows the signals of an incident). */
@Component
public class Signals {

    private final SignalRepository repository;
    private final Intake intake;

    Signals(SignalRepository repository, Intake intake) {
        this.repository = repository;
        this.intake = intake;
    }

    @Transactional(readOnly = true)
    public Optional<SignalView> find(long id) {
        return repository.find(id);
    }

    /** The signals with these ids that exist, ordered by id. */
    @Transactional(readOnly = true)
    public List<SignalView> find(Collection<Long> ids) {
        return ids.isEmpty() ? List.of() : repository.find(ids);
    }

    @Transactional(readOnly = true)
    public Optional<SignalView> findByFingerprint(String fingerprint) {
        return repository.findByFingerprint(fingerprint);
    }

    /**
     * Waits until an accepted intake entry has been folded into signals (and the
     * {@link SignalsUpdated} of its fold committed). Intake replies as soon as an entry is durable;
     * a caller that wants to show the resulting signal waits here.
     *
     * @param position the position intake returned for the entry
     * @return false when the timeout passed first; the entry is still folded later
     */
    public boolean awaitFolded(long position, Duration timeout) {
        return intake.awaitFolded(position, timeout);
    }
}
