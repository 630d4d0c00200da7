package io.turnpike.server.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.turnpike.api.Headers;
import io.turnpike.server.config.MatchConfig;

/** Shorthands for routing tests: a route's target is its id. */
final class Routes {

    private Routes() {
    }

    static RouteSpec<String> route(String id, String path) {
        return route(id, path, List.of(), null, Map.of());
    }

    static RouteSpec<String> route(String id, String path, List<String> methods) {
        return route(id, path, methods, null, Map.of());
    }

    static RouteSpec<String> route(String id, String path, List<String> methods, String host,
                                   Map<String, String> headers) {
        return new RouteSpec<>(id, new MatchConfig(path, methods, host, headers), id);
    }

    /** A table that must build without errors. */
    static RouteTable<String> table(List<RouteSpec<String>> specs) {
        List<String> errors = new ArrayList<>();
        RouteTable<String> table = RouteTable.build(specs, errors);
        assertEquals(List.of(), errors);
        return table;
    }

    static RouteMatch<String> get(RouteTable<String> table, String path) {
        return table.match("GET", "example.com", path, Headers.empty());
    }

    /** The id of the route a GET of the path finds, or the name of the outcome when none is found. */
    static String found(RouteTable<String> table, String path) {
        return outcome(get(table, path));
    }

    static String outcome(RouteMatch<String> match) {
        return switch (match) {
            case RouteMatch.Found<String> found -> found.target();
            case RouteMatch.NotFound<String> notFound -> "404";
            case RouteMatch.MethodNotAllowed<String> notAllowed -> "405 " + notAllowed.allowed();
        };
    }
}
