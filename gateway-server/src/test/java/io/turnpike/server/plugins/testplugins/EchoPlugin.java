package io.turnpike.server.plugins.testplugins;

import io.turnpike.api.Counter;
import io.turnpike.api.Filter;
import io.turnpike.api.GatewayPlugin;
import io.turnpike.api.Phase;
import io.turnpike.api.PluginContext;
import io.turnpike.api.Response;
import org.pf4j.Extension;

/**
 * A TRANSFORMATION plugin that marks the request with its name in {@code X-Trace}, and the response with
 * the route and plugin its context names; counts the requests it sees in its counter {@code requests_seen}.
 */
@Extension
public final class EchoPlugin implements GatewayPlugin<EchoPlugin.Config> {

    /**
     * @param tag an optional value echoed in {@code X-Echo-Tag}
     */
    public record Config(String tag) {
    }

    @Override
    public String name() {
        return "echo";
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
    public Filter create(Config config, PluginContext context) {
        Counter seen = context.counter("requests_seen", "Requests the echo plugin saw");
        return (exchange, chain) -> {
            seen.increment();
            Response response = chain.proceed(chain.request().withHeaders(
                    chain.request().headers().plus("X-Trace", name())));
            return response.withHeaders(response.headers().toBuilder()
                    .add("X-Echo-Route", context.routeId())
                    .add("X-Echo-Instance", context.instance())
                    .add("X-Echo-Plugin", context.pluginName())
                    .add("X-Echo-Tag", String.valueOf(config.tag()))
                    .build());
        };
    }
}
