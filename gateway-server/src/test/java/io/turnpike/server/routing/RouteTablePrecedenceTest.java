package io.turnpike.server.routing;

import static io.turnpike.server.routing.Routes.found;
import static io.turnpike.server.routing.Routes.route;
import static io.turnpike.server.routing.Routes.table;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class RouteTablePrecedenceTest {

    @Test
    void exactBeatsTemplateDeclaredBeforeIt() {
        RouteTable<String> table = table(List.of(route("item", "/items/{id}"), route("new", "/items/new")));
        assertEquals("new", found(table, "/items/new"));
    }

    @Test
    void templateStillTakesPathsTheExactSiblingDoesNot() {
        RouteTable<String> table = table(List.of(route("item", "/items/{id}"), route("new", "/items/new")));
        assertEquals("item", found(table, "/items/newer"));
    }

    @Test
    void templateBeatsPrefixDeclaredBeforeIt() {
        RouteTable<String> table = table(List.of(route("all", "/items/**"), route("item", "/items/{id}")));
        assertEquals("item", found(table, "/items/7"));
    }

    @Test
    void exactBeatsPrefixDeclaredBeforeIt() {
        RouteTable<String> table = table(List.of(route("all", "/**"), route("health", "/health")));
        assertEquals("health", found(table, "/health"));
    }

    @Test
    void longerPrefixBeatsShorterDeclaredBeforeIt() {
        RouteTable<String> table = table(List.of(route("api", "/api/**"), route("v1", "/api/v1/**")));
        assertEquals("v1", found(table, "/api/v1/users"));
    }

    @Test
    void shorterPrefixTakesWhatTheLongerDoesNot() {
        RouteTable<String> table = table(List.of(route("api", "/api/**"), route("v1", "/api/v1/**")));
        assertEquals("api", found(table, "/api/v2/users"));
    }

    @Test
    void parameterSegmentsCountTowardsPrefixLength() {
        RouteTable<String> table = table(List.of(route("users", "/users/**"), route("user", "/users/{id}/**")));
        assertEquals("user", found(table, "/users/5/orders"));
    }

    @Test
    void samePatternTwiceGoesToTheFirstDeclared() {
        RouteTable<String> table = table(List.of(route("first", "/a/**"), route("second", "/a/**")));
        assertEquals("first", found(table, "/a/b"));
    }

    @Test
    void templatesThatBothTakeAPathAreTriedInDeclarationOrder() {
        RouteTable<String> xFirst = table(List.of(route("x", "/a/{x}"), route("y", "/{y}/b")));
        RouteTable<String> yFirst = table(List.of(route("y", "/{y}/b"), route("x", "/a/{x}")));
        assertEquals(List.of("x", "y"), List.of(found(xFirst, "/a/b"), found(yFirst, "/a/b")));
    }

    @Test
    void literalBranchThatDeadEndsFallsBackToTheParameterSibling() {
        RouteTable<String> table = table(List.of(route("deep", "/a/b/{x}/e"), route("param", "/a/{y}/c")));
        assertEquals("param", found(table, "/a/b/c"));
    }

    @Test
    void prefixSharingALiteralPathWithATemplateStillTakesOtherPaths() {
        RouteTable<String> table = table(List.of(route("item", "/items/{id}"), route("all", "/items/**")));
        assertEquals("all", found(table, "/items/7/reviews"));
    }

    @Test
    void routesAreListedInTheOrderTheyAreTried() {
        RouteTable<String> table = table(List.of(
                route("root", "/**"), route("api", "/api/**"), route("item", "/items/{id}"),
                route("v1", "/api/v1/**"), route("health", "/health")));
        List<String> ids = table.routesInPrecedenceOrder().stream().map(RouteSpec::id).toList();
        assertEquals(List.of("health", "item", "v1", "api", "root"), ids);
    }
}
