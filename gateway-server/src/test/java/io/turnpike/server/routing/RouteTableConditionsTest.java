package io.turnpike.server.routing;

import static io.turnpike.server.routing.Routes.outcome;
import static io.turnpike.server.routing.Routes.route;
import static io.turnpike.server.routing.Routes.table;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import io.turnpike.api.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouteTableConditionsTest {

    private static String request(RouteTable<String> table, String method, String host, Headers headers) {
        return outcome(table.match(method, host, "/items", headers));
    }

    private static String request(RouteTable<String> table, String method) {
        return request(table, method, "example.com", Headers.empty());
    }

    private static String fromHost(RouteTable<String> table, String host) {
        return request(table, "GET", host, Headers.empty());
    }

    private static String withHeaders(RouteTable<String> table, String... namesAndValues) {
        return request(table, "GET", "example.com", Headers.of(namesAndValues));
    }

    @Test
    void routeTakesOnlyItsMethods() {
        RouteTable<String> table = table(List.of(route("read", "/items", List.of("GET", "HEAD"))));
        assertEquals("read", request(table, "HEAD"));
    }

    @Test
    void refusedMethodAnswers405WithTheUnionOfAllowedMethods() {
        RouteTable<String> table = table(List.of(
                route("read", "/items", List.of("GET", "HEAD")),
                route("write", "/items", List.of("POST")),
                route("other", "/things/**", List.of("DELETE"))));
        assertEquals("405 [GET, HEAD, POST]", request(table, "DELETE"));
    }

    @Test
    void allowedMethodsComeFromEveryKindOfRouteThatTakesThePath() {
        RouteTable<String> table = table(List.of(
                route("exact", "/items", List.of("GET")),
                route("template", "/{x}", List.of("PUT")),
                route("prefix", "/items/**", List.of("PATCH"))));
        assertEquals("405 [GET, PATCH, PUT]", request(table, "DELETE"));
    }

    @Test
    void allowedMethodsLeaveOutRoutesWhoseHostDoesNotMatch() {
        RouteTable<String> table = table(List.of(
                route("a", "/items", List.of("GET"), "a.com", Map.of()),
                route("b", "/items", List.of("POST"), "b.com", Map.of())));
        assertEquals("405 [GET]", request(table, "DELETE", "a.com", Headers.empty()));
    }

    @Test
    void routeWithoutMethodsTakesEveryMethod() {
        RouteTable<String> table = table(List.of(route("read", "/items", List.of("GET")), route("any", "/items")));
        assertEquals("any", request(table, "PROPFIND"));
    }

    @Test
    void routeRefusingTheMethodDoesNotHideALaterRouteThatTakesIt() {
        RouteTable<String> table = table(List.of(route("read", "/items", List.of("GET")), route("all", "/**")));
        assertEquals("all", request(table, "POST"));
    }

    @Test
    void methodsCompareCaseInsensitively() {
        RouteTable<String> table = table(List.of(route("read", "/items", List.of("get"))));
        assertEquals(List.of("read", "read"), List.of(request(table, "GET"), request(table, "get")));
    }

    @Test
    void allowedMethodsAreUpperCase() {
        RouteTable<String> table = table(List.of(route("read", "/items", List.of("get"))));
        assertEquals("405 [GET]", request(table, "POST"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.example.com", "a.b.example.com", "A.Example.COM", "a.example.com:8443", "a.example.com."})
    void wildcardHostTakesEverySubdomain(String host) {
        RouteTable<String> table = table(List.of(route("sub", "/items", List.of(), "*.example.com", Map.of())));
        assertEquals("sub", fromHost(table, host));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "badexample.com", "example.com.evil.net", ".example.com", "example.org"})
    void wildcardHostDoesNotTakeTheDomainItselfOrOthers(String host) {
        RouteTable<String> table = table(List.of(route("sub", "/items", List.of(), "*.example.com", Map.of())));
        assertEquals("404", fromHost(table, host));
    }

    @ParameterizedTest
    @ValueSource(strings = {"api.example.com", "API.example.com", "api.example.com:8080", "api.example.com."})
    void exactHostIgnoresCaseAndPort(String host) {
        RouteTable<String> table = table(List.of(route("api", "/items", List.of(), "api.example.com", Map.of())));
        assertEquals("api", fromHost(table, host));
    }

    @Test
    void ipv6HostIsMatchedWithoutItsPort() {
        RouteTable<String> table = table(List.of(route("local", "/items", List.of(), "[::1]", Map.of())));
        assertEquals("local", fromHost(table, "[::1]:8080"));
    }

    @Test
    void hostRouteDoesNotTakeARequestWithoutHost() {
        RouteTable<String> table = table(List.of(route("api", "/items", List.of(), "api.example.com", Map.of())));
        assertEquals("404", fromHost(table, null));
    }

    @Test
    void routeWithoutHostTakesARequestWithoutHost() {
        assertEquals("any", fromHost(table(List.of(route("any", "/items"))), null));
    }

    @Test
    void hostMismatchFallsThroughToTheNextRoute() {
        RouteTable<String> table = table(List.of(
                route("api", "/items", List.of(), "api.example.com", Map.of()), route("all", "/**")));
        assertEquals("all", fromHost(table, "www.example.com"));
    }

    @Test
    void requiredHeaderWithThatValueIsTaken() {
        RouteTable<String> table = table(List.of(route("blue", "/items", List.of(), null, Map.of("X-Env", "blue"))));
        assertEquals("blue", withHeaders(table, "x-env", "blue"));
    }

    @Test
    void requiredHeaderMatchesAnyOfItsValues() {
        RouteTable<String> table = table(List.of(route("blue", "/items", List.of(), null, Map.of("X-Env", "blue"))));
        assertEquals("blue", withHeaders(table, "X-Env", "green", "X-Env", "blue"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"green", "BLUE", "blue ", ""})
    void requiredHeaderWithAnotherValueIsNotTaken(String value) {
        RouteTable<String> table = table(List.of(route("blue", "/items", List.of(), null, Map.of("X-Env", "blue"))));
        assertEquals("404", withHeaders(table, "X-Env", value));
    }

    @Test
    void missingRequiredHeaderIsNotTaken() {
        RouteTable<String> table = table(List.of(route("blue", "/items", List.of(), null, Map.of("X-Env", "blue"))));
        assertEquals("404", withHeaders(table, "X-Other", "blue"));
    }

    @Test
    void everyRequiredHeaderMustBePresent() {
        RouteTable<String> table = table(List.of(
                route("both", "/items", List.of(), null, Map.of("X-Env", "blue", "X-Tier", "gold"))));
        assertEquals("404", withHeaders(table, "X-Env", "blue"));
    }

    @Test
    void headerMismatchIsNotA405() {
        RouteTable<String> table = table(List.of(
                route("blue", "/items", List.of("GET"), null, Map.of("X-Env", "blue"))));
        assertEquals("404", request(table, "POST"));
    }
}
