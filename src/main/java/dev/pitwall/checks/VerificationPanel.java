package dev.pitwall.checks;

import dev.pitwall.changes.ChangePanel;
import org.springframework.stereotype.Component;

/** The post-deploy verification section of the change page, served by {@link CheckPagesController}. */
@Component
class VerificationPanel implements ChangePanel {

    @Override
    public String title() {
        return "Post-deploy verification";
    }

    @Override
    public String path(long changeId) {
        return "/checks/changes/" + changeId + "/verification";
    }

    @Override
    public int order() {
        return 10;
    }
}
