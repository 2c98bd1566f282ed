package dev.pitwall.accounts;

import java.util.EnumSet;
import java.util.List;
import org.springframework.context.ApplicationContext;

/** Creates API tokens in a test application context. */
public final class TestTokens {

    private TestTokens() {}

    public static String create(ApplicationContext context, Scope... scopes) {
        return context.getBean(AccountService.class)
                .createToken("test-" + System.nanoTime(), EnumSet.copyOf(List.of(scopes)), null)
                .secret();
    }
}
