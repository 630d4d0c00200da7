package io.turnpike.server.plugins;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.turnpike.api.AuthenticationPlugin;
import io.turnpike.api.ConfigError;
import io.turnpike.api.Consumer;
import io.turnpike.api.Credential;
import io.turnpike.api.GatewayPlugin;
import io.turnpike.server.config.ConfigBinder;
import io.turnpike.server.config.ConsumerConfig;
import io.turnpike.server.config.GatewayConfig;

/**
 * Binds every consumer's credentials with the authentication plugin they are declared for, at their
 * location ({@code consumers[0].credentials.key-auth[0].key: ...}), and refuses what would make a credential
 * ambiguous: an unknown method, and one identity (a key, a username) given twice.
 *
 * <p>Messages never quote a credential's value: they may be read by people who must not see secrets.
 */
final class ConsumerBinder {

    private final PluginHost host;
    private final ConfigBinder binder;

    ConsumerBinder(PluginHost host, ConfigBinder binder) {
        this.host = Objects.requireNonNull(host, "host");
        this.binder = Objects.requireNonNull(binder, "binder");
    }

    Consumers bind(GatewayConfig config, List<String> errors) {
        Map<String, Consumer> byName = new LinkedHashMap<>();
        Map<String, List<Credential<?>>> credentials = new LinkedHashMap<>();
        Map<String, Map<Object, String>> identities = new HashMap<>();
        for (int i = 0; i < config.consumers().size(); i++) {
            ConsumerConfig consumer = config.consumers().get(i);
            String at = "consumers[" + i + "]";
            byName.putIfAbsent(consumer.name(), new Consumer(consumer.name(), new LinkedHashSet<>(consumer.groups())));
            for (Map.Entry<String, List<JsonNode>> method : consumer.credentials().entrySet()) {
                String methodAt = at + ".credentials." + method.getKey();
                Optional<AuthenticationPlugin<?, ?>> plugin = authenticationPlugin(method.getKey(), methodAt, errors);
                if (plugin.isEmpty()) {
                    continue;
                }
                Map<Object, String> seen = identities.computeIfAbsent(method.getKey(), name -> new HashMap<>());
                List<Credential<?>> bound = credentials.computeIfAbsent(method.getKey(), name -> new ArrayList<>());
                for (int j = 0; j < method.getValue().size(); j++) {
                    bindOne(plugin.get(), consumer.name(), method.getValue().get(j), methodAt + "[" + j + "]", seen, errors)
                            .ifPresent(bound::add);
                }
            }
        }
        return new Consumers(byName, freeze(credentials), config.consumerHeaders());
    }

    private Optional<AuthenticationPlugin<?, ?>> authenticationPlugin(String name, String at, List<String> errors) {
        Optional<GatewayPlugin<?>> plugin = host.find(name);
        if (plugin.isPresent() && plugin.get() instanceof AuthenticationPlugin<?, ?> authentication) {
            return Optional.of(authentication);
        }
        List<String> methods = host.names().stream()
                .filter(n -> host.find(n).orElse(null) instanceof AuthenticationPlugin<?, ?>)
                .toList();
        errors.add(at + ": " + (plugin.isPresent() ? "plugin '" + name + "' does not authenticate" : "no loaded plugin is named '" + name + "'")
                + " (authentication plugins loaded: " + (methods.isEmpty() ? "none" : String.join(", ", methods)) + ")");
        return Optional.empty();
    }

    private <K> Optional<Credential<?>> bindOne(AuthenticationPlugin<?, K> plugin, String consumer, JsonNode node,
                                                String at, Map<Object, String> seen, List<String> errors) {
        Class<K> type;
        try {
            type = plugin.credentialType();
        } catch (RuntimeException | LinkageError e) {
            errors.add(at + ": plugin '" + plugin.name() + "' failed while describing its credentials (" + e.getClass().getName() + ")");
            return Optional.empty();
        }
        Optional<K> value = binder.bind(node, type, at, errors);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        List<ConfigError> problems;
        Object identity;
        try {
            problems = plugin.validateCredential(value.get());
            identity = problems == null || !problems.isEmpty() ? null : plugin.credentialIdentity(value.get());
        } catch (RuntimeException | LinkageError e) {
            // the exception's message might quote the credential: name its type only
            errors.add(at + ": plugin '" + plugin.name() + "' failed while validating a credential (" + e.getClass().getName() + ")");
            return Optional.empty();
        }
        if (problems == null) {
            errors.add(at + ": plugin '" + plugin.name() + "' returned null from validateCredential()");
            return Optional.empty();
        }
        for (ConfigError problem : problems) {
            String key = problem.key();
            errors.add(at + (key.isEmpty() ? "" : key.startsWith("[") ? "" : ".") + key + ": " + problem.message());
        }
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        String first = seen.putIfAbsent(identity, at);
        if (first != null) {
            errors.add(at + ": the same credential is already declared at " + first + "; each must identify one consumer");
            return Optional.empty();
        }
        return Optional.of(new Credential<>(consumer, value.get()));
    }

    private static Map<String, List<Credential<?>>> freeze(Map<String, List<Credential<?>>> credentials) {
        Map<String, List<Credential<?>>> frozen = new LinkedHashMap<>();
        credentials.forEach((name, list) -> frozen.put(name, List.copyOf(list)));
        return frozen;
    }
}
