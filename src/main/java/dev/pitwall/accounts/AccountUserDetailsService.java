package dev.pitwall.accounts;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

@Component
class AccountUserDetailsService implements UserDetailsService {

    private final AccountService accounts;

    AccountUserDetailsService(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return accounts.credentials(username)
                .map(c -> new SignedInUser(
                        c.user().id(),
                        c.user().username(),
                        c.passwordHash(),
                        c.user().role(),
                        c.user().enabled()))
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
    }
}
