package dev.pitwall.system;

import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts Pitwall without its web server, for commands that work on the database directly (such
 * as creating the first users and tokens). The caller closes the context.
 */
public interface ContextLauncher {

    ConfigurableApplicationContext startOffline(List<String> springArguments);
}
