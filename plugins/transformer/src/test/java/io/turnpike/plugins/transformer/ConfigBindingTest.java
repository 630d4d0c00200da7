package io.turnpike.plugins.transformer;

import static io.turnpike.plugins.transformer.Fixtures.bindingErrors;
import static io.turnpike.plugins.transformer.Fixtures.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The config record as the gateway's binder fills it from a route's {@code config:} block. */
class ConfigBindingTest {

    @Test
    void everyKeyBindsFromKebabCase() {
        RequestTransformerConfig config = config("""
                remove-headers: [X-Debug]
                rename-headers: {X-Old: X-New}
                replace-headers: {X-Tenant: acme}
                add-headers: {X-Gateway: turnpike}
                append-headers: {X-Tags: edge}
                set-headers: {X-Env: production}
                remove-query-params: [debug]
                add-query-params: {source: gateway}
                rewrite-path: {pattern: "^/v1/(.*)$", replacement: "/internal/$1"}
                """);

        assertEquals(new RequestTransformerConfig(List.of("X-Debug"), Map.of("X-Old", "X-New"),
                Map.of("X-Tenant", "acme"), Map.of("X-Gateway", "turnpike"), Map.of("X-Tags", "edge"),
                Map.of("X-Env", "production"), List.of("debug"), Map.of("source", "gateway"),
                new PathRewrite("^/v1/(.*)$", "/internal/$1"), null, null, null, null, null, null), config);
    }

    @Test
    void absentKeysBindAsEmpty() {
        assertEquals(RequestTransformerConfig.EMPTY, config("{}"));
    }

    @Test
    void anUnknownKeyIsRefusedWhenTheConfigIsLoaded() {
        List<String> errors = bindingErrors("add-header: {X-Gateway: turnpike}");

        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith("config.add-header: unknown key"), errors.get(0));
    }

    @Test
    void mapsKeepTheOrderOfTheYaml() {
        RequestTransformerConfig config = config("set-headers: {X-Zulu: z, X-Alpha: a, X-Mike: m}");

        assertEquals(List.of("X-Zulu", "X-Alpha", "X-Mike"), List.copyOf(config.setHeaders().keySet()));
    }

    @Test
    void numbersAndBooleansBindAsTheirText() {
        RequestTransformerConfig config = config("set-headers: {X-Version: 2, X-Canary: true}");

        assertEquals(Map.of("X-Version", "2", "X-Canary", "true"), config.setHeaders());
    }

    @Test
    void theBoundConfigCannotBeChanged() {
        RequestTransformerConfig config = config("set-headers: {X-Env: production}\nremove-headers: [X-Debug]");

        assertThrows(UnsupportedOperationException.class, () -> config.setHeaders().put("X-Env", "dev"));
        assertThrows(UnsupportedOperationException.class, () -> config.removeHeaders().add("X-Other"));
    }
}
