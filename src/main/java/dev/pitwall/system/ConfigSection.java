package dev.pitwall.system;

/**
 * One top-level section of {@code pitwall.yaml} (such as {@code services} or {@code checks}), owned
 * by the module that declares the bean. Loading is two-phase: every section parses and validates
 * first, reporting all problems with file, line and field; only when the whole file is valid does
 * each section apply what it parsed, so a bad reload changes nothing.
 *
 * @param <T> what the section parses into
 */
public interface ConfigSection<T> {

    /** The top-level key, such as {@code checks}. */
    String key();

    /**
     * Parses and validates the section, filling in defaults. {@code node} is null when the file has
     * no such section (which means "nothing declared": apply must then remove what the file
     * declared before).
     */
    T parse(ConfigNode node, ConfigErrors errors);

    /** Makes the parsed declarations current. Runs only when the whole file is valid. */
    void apply(T parsed);

    /** Sections apply in ascending order (services before the checks that name them). */
    default int order() {
        return 0;
    }
}
