package dev.pitwall.changes;

import dev.pitwall.system.Actor;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Records a change as the API takes it ({@code POST /api/v1/changes}): checks the request, then
 * hands it to the group-commit writer and returns once it is committed. Shared by
 * {@link ChangeApiFilter}, which serves the path, and {@link ChangeApiController}, which describes
 * it in the OpenAPI document.
 */
@Component
class ChangeIntake {

    private final ChangeService changes;
    private final ChangeWriter writer;
    private final Clock clock;

    ChangeIntake(ChangeService changes, ChangeWriter writer, Clock clock) {
        this.changes = changes;
        this.writer = writer;
        this.clock = clock;
    }

    ChangeService.Recorded record(ChangeApiController.ChangeRequest request, Actor actor) {
        ChangeSource source = request.parsedSource();
        NewChange change = request.toNewChange(clock.instant());
        return writer.write(() -> changes.record(change, source, actor));
    }
}
