package io.turnpike.plugins.transformer;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.turnpike.api.Body;
import io.turnpike.api.ConfigError;
import io.turnpike.api.Exchange;
import io.turnpike.api.Headers;
import io.turnpike.api.PluginContext;
import io.turnpike.api.Request;
import io.turnpike.server.config.ConfigBinder;

/** Configs bound the way the gateway binds them, requests, and a run of the filter. */
final class Fixtures {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ConfigBinder BINDER = new ConfigBinder();

    /** The filter must not need the exchange; any use of it fails the test. */
    static final Exchange NO_EXCHANGE = (Exchange) Proxy.newProxyInstance(
            Fixtures.class.getClassLoader(), new Class<?>[] {Exchange.class}, (proxy, method, args) -> {
                throw new AssertionError("the filter used the exchange: " + method.getName());
            });

    static final PluginContext CONTEXT = new TestContext(
            "users", RequestTransformerPlugin.NAME, System.getLogger(RequestTransformerPlugin.class.getName()));

    private Fixtures() {
    }

    /** Binds a {@code config:} block with the gateway's own binder: kebab-case, unknown keys refused. */
    static RequestTransformerConfig config(String yaml) {
        List<String> errors = new ArrayList<>();
        return bind(yaml, errors).orElseThrow(() -> new AssertionError("config did not bind: " + errors));
    }

    /** The binder's errors for a block that should not bind. */
    static List<String> bindingErrors(String yaml) {
        List<String> errors = new ArrayList<>();
        bind(yaml, errors);
        return errors;
    }

    private static Optional<RequestTransformerConfig> bind(String yaml, List<String> errors) {
        return bind(yaml, RequestTransformerConfig.class, errors);
    }

    /** Binds a {@code response-transformer} block with the gateway's own binder. */
    static ResponseTransformerConfig responseConfig(String yaml) {
        List<String> errors = new ArrayList<>();
        return bind(yaml, ResponseTransformerConfig.class, errors)
                .orElseThrow(() -> new AssertionError("config did not bind: " + errors));
    }

    private static <C> Optional<C> bind(String yaml, Class<C> type, List<String> errors) {
        try {
            JsonNode node = YAML.readTree(yaml);
            return BINDER.bind(node, type, "config", errors);
        } catch (Exception e) {
            throw new AssertionError("not YAML: " + yaml, e);
        }
    }

    static List<ConfigError> validate(String yaml) {
        return new RequestTransformerPlugin().validate(config(yaml));
    }

    static Request get(String pathAndQuery, String... headerNamesAndValues) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        return new Request("GET", path, query, Headers.of(headerNamesAndValues), Body.empty());
    }

    /** Runs a request through a filter made from the config and returns what reached the upstream. */
    static Request upstreamOf(String configYaml, Request request) throws Exception {
        return run(config(configYaml), request).upstream();
    }

    static CapturingChain run(RequestTransformerConfig config, Request request) throws Exception {
        CapturingChain chain = new CapturingChain(request);
        try (var filter = new RequestTransformerPlugin().create(config, CONTEXT)) {
            filter.handle(NO_EXCHANGE, chain);
        }
        return chain;
    }

    private record TestContext(String routeId, String pluginName, System.Logger logger) implements PluginContext {
    }
}
