package io.turnpike.server.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration that cannot be used, with every error found in it. The message has one error a line,
 * each prefixed with the file name, ready to print as the output of {@code gateway validate}.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final List<String> errors;

    /**
     * @param source the file name, or another name for where the config came from
     * @param errors the errors, each as {@code location: message}; at least one
     */
    public ConfigException(String source, List<String> errors) {
        super(errors.stream().map(e -> source + ": " + e).collect(Collectors.joining("\n")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one error");
        }
        this.source = source;
        this.errors = List.copyOf(errors);
    }

    /** @return where the config came from, as it prefixes each line of the message */
    public String source() {
        return source;
    }

    /** @return the errors without the source prefix, in the order found */
    public List<String> errors() {
        return errors;
    }
}
