package dev.pitwall.system;

import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts Pitwall without its web server, for commands that work on the database directly (such
 * as creating the first users and tokens), or as the whole server, for commands that run one in
 * their own process (such as {@code pitwall demo}). The caller closes the context.
 */
public interface ContextLauncher {

    ConfigurableApplicationContext startOffline(List<String> springArguments);

    /** The whole server (web, scheduler, everything {@code pitwall serve} runs). */
    default ConfigurableApplicationContext startServer(List<String> springArguments) {
        throw new UnsupportedOperationException("This launcher starts Pitwall only without its web server");
    }
}
