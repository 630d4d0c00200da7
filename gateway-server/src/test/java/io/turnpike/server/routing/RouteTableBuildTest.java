package io.turnpike.server.routing;

import static io.turnpike.server.routing.Routes.found;
import static io.turnpike.server.routing.Routes.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.turnpike.server.config.MatchConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouteTableBuildTest {

    /** Builds a valid route followed by the one under test, and returns the errors. */
    private static List<String> errorsOf(RouteSpec<String> second) {
        List<String> errors = new ArrayList<>();
        RouteTable.build(List.of(route("ok", "/ok"), second), errors);
        return errors;
    }

    private static void assertOneErrorAt(String location, List<String> errors) {
        assertEquals(1, errors.size(), errors::toString);
        assertTrue(errors.getFirst().startsWith(location + ": "), errors::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "api/x", "items/{id}",
            "/items/{}", "/items/{id", "/items/id}", "/a{id}", "/{id}.json", "/{a{b}}", "/{i d}",
            "/a/**/b", "/a/x**", "/a/**x", "/a/*", "/a/*.txt", "/***",
            "/u/{id}/o/{id}",
            "/a//b", "/a//**", "/a/./b", "/a/%2e%2e/b", "/a/%zz", "/a/\u0000",
    })
    void badPathIsReportedAtItsLocation(String path) {
        assertOneErrorAt("routes[1].match.path", errorsOf(route("bad", path)));
    }

    @Test
    void missingPathIsReportedAtItsLocation() {
        assertOneErrorAt("routes[1].match.path", errorsOf(new RouteSpec<>("bad", new MatchConfig(null, null, null, null), "bad")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/**", "/a/", "/users/{id}/**", "/a/{x-y_z}/b", "/a;b/c:d@e", "/caf\u00e9", "/a%2Fb"})
    void goodPathIsAccepted(String path) {
        assertEquals(List.of(), errorsOf(route("good", path)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "*", "*.", "a.*.com", "*a.com", "**.a.com", "example.com:8080", "exa mple.com",
            "a..b", ".a.com", "*..a.com", "[::1", "[zz]"})
    void badHostIsReportedAtItsLocation(String host) {
        assertOneErrorAt("routes[1].match.host", errorsOf(route("bad", "/x", List.of(), host, Map.of())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "*.example.com", "API.Example.com", "localhost", "10.0.0.1", "[::1]", "my_host"})
    void goodHostIsAccepted(String host) {
        assertEquals(List.of(), errorsOf(route("good", "/x", List.of(), host, Map.of())));
    }

    @Test
    void badMethodIsReportedAtItsIndex() {
        assertOneErrorAt("routes[1].match.methods[1]", errorsOf(route("bad", "/x", List.of("GET", "GE T"))));
    }

    @Test
    void badHeaderNameIsReportedUnderItsName() {
        assertOneErrorAt("routes[1].match.headers.X Env",
                errorsOf(route("bad", "/x", List.of(), null, Map.of("X Env", "blue"))));
    }

    @Test
    void missingMatchIsReported() {
        assertOneErrorAt("routes[1].match", errorsOf(new RouteSpec<>("bad", null, "bad")));
    }

    @Test
    void missingIdIsReported() {
        assertOneErrorAt("routes[1].id", errorsOf(route(" ", "/x")));
    }

    @Test
    void duplicateIdIsReportedWithTheFirstRoute() {
        assertEquals(List.of("routes[1].id: \"ok\" is already the id of routes[0]"), errorsOf(route("ok", "/x")));
    }

    @Test
    void everyErrorOfARouteIsReported() {
        List<String> errors = errorsOf(route("bad", "/a/**/b", List.of("G(T"), "*", Map.of()));
        assertEquals(List.of("routes[1].match.path", "routes[1].match.methods[0]", "routes[1].match.host"),
                errors.stream().map(error -> error.substring(0, error.indexOf(':'))).toList());
    }

    @Test
    void routeWithAnErrorIsLeftOutAndTheOthersKept() {
        List<String> errors = new ArrayList<>();
        RouteTable<String> table = RouteTable.build(
                List.of(route("bad", "/**", List.of(), "*", Map.of()), route("good", "/x")), errors);
        assertEquals(List.of("good", "404"), List.of(found(table, "/x"), found(table, "/y")));
    }

    @Test
    void routeWithAnErrorIsNotListed() {
        RouteTable<String> table = RouteTable.build(List.of(route("bad", "x"), route("good", "/x")), new ArrayList<>());
        assertEquals(List.of("good"), table.routesInPrecedenceOrder().stream().map(RouteSpec::id).toList());
    }
}
