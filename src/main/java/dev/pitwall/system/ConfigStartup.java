package dev.pitwall.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import sun.misc.Signal;

/** Loads {@code pitwall.yaml} when the server starts and again on {@code SIGHUP}. */
@Component
@ConditionalOnWebApplication
@Order(-100)
class ConfigStartup implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ConfigStartup.class);

    private final ConfigLoader loader;

    ConfigStartup(ConfigLoader loader) {
        this.loader = loader;
    }

    @Override
    public void run(ApplicationArguments args) {
        loader.loadAtStart();
        try {
            Signal.handle(new Signal("HUP"), signal -> reload());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            log.info("SIGHUP is not available here; reload with POST /api/v1/config/reload");
        }
    }

    private void reload() {
        ConfigLoader.Result result = loader.load();
        if (result.applied()) {
            log.info("Reloaded {} on SIGHUP ({})", result.file(), String.join(", ", result.sections()));
        } else {
            log.warn(
                    "Kept the previous configuration: {} has errors:\n  {}",
                    result.file(),
                    String.join(
                            "\n  ",
                            result.errors().stream().map(ConfigError::toString).toList()));
        }
    }
}
