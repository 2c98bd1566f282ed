package dev.pitwall.checks;

import dev.pitwall.system.SecretBox;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where {@code ${secret:NAME}} comes from: Pitwall's encrypted secret store first (values sealed
 * with {@link SecretBox}, opened only when a run uses them), then the environment variable NAME.
 */
final class CheckSecrets {

    private final SecretBox box;
    private final Function<String, String> environment;
    private volatile Map<String, String> sealed = Map.of();

    CheckSecrets(SecretBox box, Function<String, String> environment) {
        this.box = box;
        this.environment = environment;
    }

    void reload(Map<String, String> sealedByName) {
        this.sealed = Map.copyOf(sealedByName);
    }

    boolean stored(String name) {
        return sealed.containsKey(name);
    }

    Optional<String> lookup(String name) {
        String value = sealed.get(name);
        if (value != null) {
            return Optional.of(box.open(value));
        }
        return Optional.ofNullable(environment.apply(name));
    }
}
