package dev.pitwall.system;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The actor of the current request, or {@link Actor#PITWALL} for work Pitwall does on its own. */
public final class CurrentActor {

    private CurrentActor() {}

    public static Actor get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return Actor.PITWALL;
        }
        if (authentication.getPrincipal() instanceof Actor actor) {
            return actor;
        }
        if (authentication.getPrincipal() instanceof ActorHolder holder) {
            return holder.actor();
        }
        return Actor.PITWALL;
    }

    /** Implemented by principals that stand for an {@link Actor} (such as a signed-in user). */
    public interface ActorHolder {
        Actor actor();
    }
}
