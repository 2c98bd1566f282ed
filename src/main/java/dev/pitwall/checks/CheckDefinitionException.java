package dev.pitwall.checks;

import dev.pitwall.system.ConfigError;
import dev.pitwall.system.InvalidInputException;
import java.util.List;

/** A check definition with mistakes: every one of them, each naming its field (and line). */
class CheckDefinitionException extends InvalidInputException {

    private final transient List<ConfigError> errors;

    CheckDefinitionException(List<ConfigError> errors) {
        super(
                errors.isEmpty() ? null : errors.getFirst().field(),
                errors.size() == 1
                        ? describe(errors.getFirst())
                        : errors.size() + " problems in the check; the first: " + describe(errors.getFirst()));
        this.errors = List.copyOf(errors);
    }

    List<ConfigError> errors() {
        return errors;
    }

    static String describe(ConfigError error) {
        return (error.field().isEmpty() ? "the check" : error.field()) + " " + error.message()
                + (error.line() > 0 ? " (line " + error.line() + ")" : "");
    }
}
