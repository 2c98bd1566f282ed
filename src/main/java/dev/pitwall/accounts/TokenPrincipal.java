package dev.pitwall.accounts;

import dev.pitwall.system.Actor;
import dev.pitwall.system.CurrentActor;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated API token. The {@code admin} scope grants every scope. */
public record TokenPrincipal(long tokenId, String name, Set<Scope> scopes, Long userId)
        implements CurrentActor.ActorHolder {

    @Override
    public Actor actor() {
        return Actor.token(tokenId, name);
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope) || scopes.contains(Scope.ADMIN);
    }

    List<GrantedAuthority> authorities() {
        Set<Scope> granted = scopes.contains(Scope.ADMIN) ? EnumSet.allOf(Scope.class) : scopes;
        List<GrantedAuthority> authorities = new ArrayList<>();
        granted.forEach(s -> authorities.add(new SimpleGrantedAuthority(s.authority())));
        return authorities;
    }
}
