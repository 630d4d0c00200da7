package io.turnpike.server.routing;

import static io.turnpike.server.routing.Routes.outcome;
import static io.turnpike.server.routing.Routes.route;
import static io.turnpike.server.routing.Routes.table;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.turnpike.api.Headers;
import org.junit.jupiter.api.Test;

/** Correctness, not speed, with many routes sharing prefixes, parameters and paths. */
class RouteTableScaleTest {

    private static final int SERVICES = 2_000;

    /** Five routes per service, 10,000 in all, plus a catch-all declared first. */
    private static RouteTable<String> manyRoutes() {
        List<RouteSpec<String>> specs = new ArrayList<>();
        specs.add(route("fallback", "/**"));
        for (int i = 0; i < SERVICES; i++) {
            String service = "/svc" + i;
            specs.add(route("prefix-" + i, service + "/**"));
            specs.add(route("item-" + i, service + "/items/{id}"));
            specs.add(route("orders-" + i, service + "/items/{id}/orders/{oid}", List.of("GET")));
            specs.add(route("health-" + i, service + "/health"));
            specs.add(route("tenant-" + i, "/tenants/{t}/svc" + i + "/**", List.of(), "*.t" + i + ".example.com", Map.of()));
        }
        return table(specs);
    }

    private static String request(RouteTable<String> table, String method, String host, String path) {
        return outcome(table.match(method, host, path, Headers.empty()));
    }

    private static Map<String, String> params(RouteTable<String> table, String path) {
        return ((RouteMatch.Found<String>) table.match("GET", "x", path, Headers.empty())).pathParams();
    }

    @Test
    void everyRouteOfTenThousandIsFoundForItsOwnPaths() {
        RouteTable<String> table = manyRoutes();
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < SERVICES; i++) {
            String service = "/svc" + i;
            check(wrong, "health-" + i, request(table, "GET", "x", service + "/health"));
            check(wrong, "item-" + i, request(table, "GET", "x", service + "/items/42"));
            check(wrong, "orders-" + i, request(table, "GET", "x", service + "/items/42/orders/7"));
            check(wrong, "prefix-" + i, request(table, "POST", "x", service + "/items/42/orders/7"));
            check(wrong, "prefix-" + i, request(table, "GET", "x", service + "/health/"));
            check(wrong, "prefix-" + i, request(table, "GET", "x", service));
            check(wrong, "tenant-" + i, request(table, "GET", "a.t" + i + ".example.com", "/tenants/a/svc" + i + "/x"));
            check(wrong, "fallback", request(table, "GET", "a.t" + (i + 1) + ".example.com", "/tenants/a/svc" + i + "/x"));
            check(wrong, "fallback", request(table, "GET", "x", service + "x/health"));
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void parametersAmongTenThousandRoutesBelongToTheChosenRoute() {
        RouteTable<String> table = manyRoutes();
        assertEquals(Map.of("id", "42", "oid", "7"), params(table, "/svc1999/items/42/orders/7"));
    }

    @Test
    void tenThousandRoutesAreListedInPrecedenceOrder() {
        List<RouteSpec<String>> listed = manyRoutes().routesInPrecedenceOrder();
        assertEquals(List.of(5 * SERVICES + 1, "health-0", "fallback"),
                List.of(listed.size(), listed.getFirst().id(), listed.getLast().id()));
    }

    private static void check(List<String> wrong, String expected, String actual) {
        if (!expected.equals(actual)) {
            wrong.add("expected " + expected + " but got " + actual);
        }
    }
}
