package io.turnpike.plugins.keyauth;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.turnpike.api.Body;
import io.turnpike.api.Credential;
import io.turnpike.api.Headers;
import io.turnpike.api.PluginContext;
import io.turnpike.api.Request;
import io.turnpike.server.config.ConfigBinder;

/** Configs bound the way the gateway binds them, and requests. */
final class Fixtures {

    static final PluginContext CONTEXT = new TestContext("orders", KeyAuthPlugin.NAME, System.getLogger("test"));
    static final List<Credential<KeyCredential>> KEYS = List.of(
            new Credential<>("alice", new KeyCredential("alice-key-0123456789")),
            new Credential<>("bob", new KeyCredential("bob-key-9876543210")));

    private Fixtures() {
    }

    static <T> T bind(String yaml, Class<T> type) {
        List<String> errors = new ArrayList<>();
        try {
            return new ConfigBinder().bind(new YAMLMapper().readTree(yaml), type, "config", errors)
                    .orElseThrow(() -> new AssertionError("did not bind: " + errors));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static KeyAuthenticator authenticator(String configYaml) {
        return new KeyAuthenticator(bind(configYaml, KeyAuthConfig.class), KEYS);
    }

    static Request get(String pathAndQuery, String... headerNamesAndValues) {
        int q = pathAndQuery.indexOf('?');
        return new Request("GET", q < 0 ? pathAndQuery : pathAndQuery.substring(0, q),
                q < 0 ? "" : pathAndQuery.substring(q + 1), Headers.of(headerNamesAndValues), Body.empty());
    }

    private record TestContext(String routeId, String pluginName, System.Logger logger) implements PluginContext {
    }
}
