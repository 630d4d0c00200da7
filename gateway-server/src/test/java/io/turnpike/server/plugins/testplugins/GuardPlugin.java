package io.turnpike.server.plugins.testplugins;

import java.util.List;

import io.turnpike.api.ConfigError;
import io.turnpike.api.Filter;
import io.turnpike.api.GatewayPlugin;
import io.turnpike.api.Phase;
import io.turnpike.api.PluginContext;
import io.turnpike.api.ProblemException;
import org.pf4j.Extension;

/**
 * An AUTHENTICATION plugin: lets a request through when its {@code X-Key} is one of the configured keys,
 * marking it in {@code X-Trace}; refuses it with 401 otherwise.
 */
@Extension
public final class GuardPlugin implements GatewayPlugin<GuardPlugin.Config> {

    /**
     * @param keys the accepted keys, at least one
     */
    public record Config(List<String> keys) {
    }

    @Override
    public String name() {
        return "guard";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Phase phase() {
        return Phase.AUTHENTICATION;
    }

    @Override
    public List<ConfigError> validate(Config config) {
        return config.keys() == null || config.keys().isEmpty()
                ? List.of(new ConfigError("keys", "must not be empty"))
                : List.of();
    }

    @Override
    public Filter create(Config config, PluginContext context) {
        return (exchange, chain) -> {
            String key = chain.request().headers().first("X-Key").orElse("");
            if (!config.keys().contains(key)) {
                throw new ProblemException(401, "A valid X-Key header is required.");
            }
            return chain.proceed(chain.request().withHeaders(chain.request().headers().plus("X-Trace", name())));
        };
    }
}
