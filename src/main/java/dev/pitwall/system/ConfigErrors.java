package dev.pitwall.system;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a configuration file, so one run reports them all. */
public final class ConfigErrors {

    private final List<ConfigError> errors = new ArrayList<>();

    public void add(ConfigNode at, String message) {
        errors.add(new ConfigError(at.file(), at.line(), at.path(), message));
    }

    public void add(ConfigError error) {
        errors.add(error);
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** In the order they appear in the file. */
    public List<ConfigError> all() {
        return errors.stream()
                .sorted(java.util.Comparator.comparing(ConfigError::file).thenComparingInt(ConfigError::line))
                .toList();
    }
}
