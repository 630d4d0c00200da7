package io.turnpike.server.plugins;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.turnpike.api.Consumer;
import io.turnpike.api.Credential;
import io.turnpike.server.config.ConsumerHeadersConfig;

/**
 * The configuration's consumers with their credentials bound by each authentication plugin: what a
 * route's authentication step hands its plugins and resolves their answers against. Immutable.
 *
 * @param byName      every consumer by name
 * @param credentials per authentication plugin name, the valid credentials of every consumer, in file order
 * @param headers     the names of the headers that tell the upstream who the consumer is
 */
public record Consumers(Map<String, Consumer> byName, Map<String, List<Credential<?>>> credentials,
                        ConsumerHeadersConfig headers) {

    /** No consumers, default header names: for gateways and tests without authentication. */
    public static final Consumers NONE = new Consumers(Map.of(), Map.of(), ConsumerHeadersConfig.DEFAULT);

    public Consumers {
        byName = Map.copyOf(byName);
        credentials = Map.copyOf(credentials);
    }

    /**
     * A consumer by name.
     *
     * @param name the name
     * @return the consumer, or empty when none has that name
     */
    public Optional<Consumer> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The credentials declared for one authentication plugin.
     *
     * @param pluginName the plugin's name
     * @return the credentials, empty when no consumer declares any
     */
    public List<Credential<?>> credentialsFor(String pluginName) {
        return credentials.getOrDefault(pluginName, List.of());
    }

    /** Lists names only: credentials hold secrets. */
    @Override
    public String toString() {
        return "Consumers" + byName.keySet();
    }
}
