package io.turnpike.server.plugins.testplugins;

import java.util.List;
import java.util.Map;

import io.turnpike.api.ConfigError;
import io.turnpike.api.Filter;
import io.turnpike.api.GatewayPlugin;
import io.turnpike.api.Phase;
import io.turnpike.api.PluginContext;
import org.pf4j.Extension;

/**
 * A TRANSFORMATION plugin whose config says how it misbehaves: which config errors validate() reports,
 * and whether validate() or create() throws. It marks requests in {@code X-Trace} like {@link EchoPlugin}.
 */
@Extension
public final class ScriptedPlugin implements GatewayPlugin<ScriptedPlugin.Config> {

    /**
     * @param errors        config errors to report, key to message
     * @param throwValidate whether validate() throws
     * @param throwCreate   whether create() throws
     */
    public record Config(Map<String, String> errors, Boolean throwValidate, Boolean throwCreate) {
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Phase phase() {
        return Phase.TRANSFORMATION;
    }

    @Override
    public List<ConfigError> validate(Config config) {
        if (Boolean.TRUE.equals(config.throwValidate())) {
            throw new IllegalStateException("validate was told to throw");
        }
        return config.errors() == null ? List.of() : config.errors().entrySet().stream()
                .map(error -> new ConfigError(error.getKey(), error.getValue()))
                .toList();
    }

    @Override
    public Filter create(Config config, PluginContext context) {
        if (Boolean.TRUE.equals(config.throwCreate())) {
            throw new IllegalStateException("create was told to throw");
        }
        return (exchange, chain) -> chain.proceed(chain.request().withHeaders(
                chain.request().headers().plus("X-Trace", name())));
    }
}
