package dev.pitwall.accounts;

import dev.pitwall.system.Actor;
import dev.pitwall.system.CurrentActor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A user signed in to the web UI. Admins also hold the responder role. */
record SignedInUser(long id, String username, String passwordHash, Role role, boolean enabled)
        implements UserDetails, CurrentActor.ActorHolder {

    @Override
    public Actor actor() {
        return Actor.user(id, username);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_RESPONDER"));
        if (role == Role.ADMIN) {
            authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
        }
        return authorities;
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public String toString() {
        return "SignedInUser[" + username + "]";
    }
}
