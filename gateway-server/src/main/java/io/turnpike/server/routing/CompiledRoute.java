package io.turnpike.server.routing;

import java.util.List;
import java.util.Map;

import io.turnpike.api.Headers;

/**
 * A route checked and ready to match.
 *
 * @param spec    the route as given
 * @param index   its position in the given list, the last tie-breaker
 * @param pattern its path pattern
 * @param methods the methods taken, upper-case; empty for every method
 * @param host    its host condition
 * @param headers the headers that must be present with these values
 * @param <R>     the type of target
 */
record CompiledRoute<R>(RouteSpec<R> spec,
                        int index,
                        RoutePattern pattern,
                        List<String> methods,
                        HostPattern host,
                        List<Map.Entry<String, String>> headers) {

    CompiledRoute {
        methods = List.copyOf(methods);
        headers = List.copyOf(headers);
    }

    /**
     * Whether this route is tried before another: exact before template before prefix, then the longer
     * pattern (which only differs between prefixes that both match), then the one declared first.
     *
     * @param other another route
     * @return whether this one comes first
     */
    boolean precedes(CompiledRoute<R> other) {
        int byKind = pattern.kind().compareTo(other.pattern.kind());
        if (byKind != 0) {
            return byKind < 0;
        }
        int bySegments = Integer.compare(other.pattern.segments().size(), pattern.segments().size());
        return bySegments != 0 ? bySegments < 0 : index < other.index;
    }

    boolean takesHostAndHeaders(String hostHeader, Headers requestHeaders) {
        if (!host.matches(hostHeader)) {
            return false;
        }
        for (int i = 0; i < headers.size(); i++) {
            Map.Entry<String, String> header = headers.get(i);
            if (!requestHeaders.all(header.getKey()).contains(header.getValue())) {
                return false;
            }
        }
        return true;
    }

    boolean takesMethod(String method) {
        if (methods.isEmpty()) {
            return true;
        }
        // Methods are case-sensitive in HTTP, but a lower-case "get" is far likelier a sloppy client than a
        // distinct method, and the config upper-cases its own.
        for (int i = 0; i < methods.size(); i++) {
            if (methods.get(i).equalsIgnoreCase(method)) {
                return true;
            }
        }
        return false;
    }
}
