package io.turnpike.server.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which requests a route takes. Every given condition must hold.
 *
 * @param path    an exact path ({@code /health}), a template ({@code /items/{id}}) or a prefix
 *                ({@code /api/**}, which also matches {@code /api} itself)
 * @param methods the methods taken, upper-cased; absent means every method
 * @param host    the {@code Host} taken, exact or with a leading {@code *.} wildcard, without port
 * @param headers request headers that must be present with exactly these values
 */
public record MatchConfig(String path, List<String> methods, String host, Map<String, String> headers) {

    public MatchConfig {
        // Methods are case-sensitive on the wire, but "get" in a config file can only mean GET.
        methods = methods == null ? List.of() : methods.stream().map(m -> m.toUpperCase(Locale.ROOT)).toList();
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
