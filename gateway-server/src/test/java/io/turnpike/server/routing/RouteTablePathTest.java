package io.turnpike.server.routing;

import static io.turnpike.server.routing.Routes.found;
import static io.turnpike.server.routing.Routes.get;
import static io.turnpike.server.routing.Routes.route;
import static io.turnpike.server.routing.Routes.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouteTablePathTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api", "/api/", "/api/x", "/api/x/y/"})
    void prefixTakesItsOwnPathWithOrWithoutSlashAndAnythingBelow(String path) {
        assertEquals("api", found(table(List.of(route("api", "/api/**"))), path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/apix", "/ap", "/", "/x/api"})
    void prefixDoesNotTakeOtherPaths(String path) {
        assertEquals("404", found(table(List.of(route("api", "/api/**"))), path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/a", "/a/b/c/"})
    void rootPrefixTakesEveryPath(String path) {
        assertEquals("all", found(table(List.of(route("all", "/**"))), path));
    }

    @Test
    void exactPathWithoutSlashDoesNotTakeThePathWithSlash() {
        assertEquals("404", found(table(List.of(route("a", "/a"))), "/a/"));
    }

    @Test
    void exactPathWithSlashDoesNotTakeThePathWithoutSlash() {
        assertEquals("404", found(table(List.of(route("a", "/a/"))), "/a"));
    }

    @Test
    void exactPathWithSlashTakesThePathWithSlash() {
        assertEquals("a", found(table(List.of(route("a", "/a/"))), "/a/"));
    }

    @Test
    void rootPatternTakesOnlyTheRoot() {
        RouteTable<String> table = table(List.of(route("root", "/")));
        assertEquals(List.of("root", "404"), List.of(found(table, "/"), found(table, "/a")));
    }

    @Test
    void templateDoesNotTakeThePathWithATrailingSlash() {
        assertEquals("404", found(table(List.of(route("item", "/items/{id}"))), "/items/5/"));
    }

    @Test
    void templateWithTrailingSlashTakesOnlyThePathWithSlash() {
        RouteTable<String> table = table(List.of(route("item", "/items/{id}/")));
        assertEquals(List.of("item", "404"), List.of(found(table, "/items/5/"), found(table, "/items/5")));
    }

    @Test
    void parameterDoesNotTakeAnEmptySegment() {
        assertEquals("404", found(table(List.of(route("item", "/items/{id}"))), "/items/"));
    }

    @Test
    void parameterTakesExactlyOneSegment() {
        assertEquals("404", found(table(List.of(route("item", "/items/{id}"))), "/items/5/6"));
    }

    @Test
    void pathsCompareCaseSensitively() {
        assertEquals("404", found(table(List.of(route("health", "/health"))), "/Health"));
    }

    @Test
    void parametersAreReturnedByName() {
        RouteTable<String> table = table(List.of(route("order", "/users/{id}/orders/{oid}")));
        assertEquals(new RouteMatch.Found<>("order", Map.of("id", "5", "oid", "7")),
                get(table, "/users/5/orders/7"));
    }

    @Test
    void parametersOfAPrefixAreReturned() {
        RouteTable<String> table = table(List.of(route("user", "/users/{id}/**")));
        assertEquals(new RouteMatch.Found<>("user", Map.of("id", "5")), get(table, "/users/5/orders/7"));
    }

    @Test
    void exactRouteHasNoParameters() {
        assertEquals(new RouteMatch.Found<>("health", Map.of()),
                get(table(List.of(route("health", "/health"))), "/health"));
    }

    @Test
    void encodedSlashIsPartOfOneSegmentAndStaysEncodedInTheParameter() {
        RouteTable<String> table = table(List.of(route("file", "/files/{name}")));
        assertEquals(new RouteMatch.Found<>("file", Map.of("name", "a%2Fb")), get(table, "/files/a%2Fb"));
    }

    @Test
    void patternLiteralsAreCanonicalisedLikePaths() {
        RouteTable<String> table = table(List.of(route("cafe", "/%7euser/caf\u00e9")));
        assertEquals("cafe", found(table, PathNormalizer.normalize("/~user/caf%c3%a9").path()));
    }

    @Test
    void unnormalisedPathIsRefused() {
        RouteTable<String> table = table(List.of(route("all", "/**")));
        assertThrows(IllegalArgumentException.class, () -> found(table, "a/b"));
    }
}
