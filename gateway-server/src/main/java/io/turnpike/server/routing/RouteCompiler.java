package io.turnpike.server.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

import io.turnpike.api.Headers;
import io.turnpike.server.config.MatchConfig;

/**
 * Checks route specs and compiles them, appending each error with its config location.
 * Not thread-safe; use for one build.
 *
 * @param <R> the type of route target
 */
final class RouteCompiler<R> {

    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private final List<String> errors;
    private final Map<String, Integer> indexById = new HashMap<>();

    RouteCompiler(List<String> errors) {
        this.errors = errors;
    }

    /**
     * Compiles one route, reporting every error in it.
     *
     * @param spec  the route
     * @param index its position in the config's route list
     * @return the route, or empty when it had an error
     */
    Optional<CompiledRoute<R>> compile(RouteSpec<R> spec, int index) {
        String at = "routes[" + index + "]";
        int before = errors.size();
        checkId(spec.id(), index, at);
        MatchConfig match = spec.match();
        if (match == null) {
            errors.add(at + ".match: is required");
            return Optional.empty();
        }
        RoutePattern pattern = parse(() -> RoutePattern.parse(match.path()), at + ".match.path");
        List<String> methods = methods(match.methods(), at + ".match.methods");
        HostPattern host = parse(() -> HostPattern.parse(match.host()), at + ".match.host");
        List<Map.Entry<String, String>> headers = headers(match.headers(), at + ".match.headers");
        if (errors.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new CompiledRoute<>(spec, index, pattern, methods, host, headers));
    }

    private void checkId(String id, int index, String at) {
        if (id == null || id.isBlank()) {
            errors.add(at + ".id: is required");
            return;
        }
        Integer first = indexById.putIfAbsent(id, index);
        if (first != null) {
            errors.add(at + ".id: \"" + id + "\" is already the id of routes[" + first + "]");
        }
    }

    private <T> T parse(Supplier<T> parser, String at) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            errors.add(at + ": " + e.getMessage());
            return null;
        }
    }

    private List<String> methods(List<String> given, String at) {
        List<String> methods = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String method = given.get(i);
            if (method.isEmpty() || !method.chars().allMatch(RouteCompiler::isTokenChar)) {
                errors.add(at + "[" + i + "]: \"" + method + "\" is not a method name");
            } else if (!methods.contains(method.toUpperCase(Locale.ROOT))) {
                methods.add(method.toUpperCase(Locale.ROOT));
            }
        }
        return methods;
    }

    private List<Map.Entry<String, String>> headers(Map<String, String> given, String at) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        // Sorted, so that errors come out in the same order on every run.
        new TreeMap<>(given).forEach((name, value) -> {
            try {
                Headers.of(name, value);
                headers.add(Map.entry(name, value));
            } catch (IllegalArgumentException e) {
                errors.add(at + "." + name + ": " + e.getMessage());
            }
        });
        return headers;
    }

    private static boolean isTokenChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || TOKEN_SYMBOLS.indexOf(c) >= 0;
    }
}
