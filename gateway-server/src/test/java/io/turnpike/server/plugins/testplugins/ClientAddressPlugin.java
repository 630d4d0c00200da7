package io.turnpike.server.plugins.testplugins;

import io.turnpike.api.Filter;
import io.turnpike.api.GatewayPlugin;
import io.turnpike.api.Phase;
import io.turnpike.api.PluginContext;
import io.turnpike.api.Response;
import org.pf4j.Extension;

/** Shows a plugin's view of the client: {@code exchange.clientAddress()} in {@code X-Client-Address}. */
@Extension
public final class ClientAddressPlugin implements GatewayPlugin<ClientAddressPlugin.Config> {

    /** Nothing to configure. */
    public record Config() {
    }

    @Override
    public String name() {
        return "client-address";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Phase phase() {
        return Phase.ACCESS_CONTROL;
    }

    @Override
    public Filter create(Config config, PluginContext context) {
        return (exchange, chain) -> {
            Response response = chain.proceed();
            return response.withHeaders(response.headers().plus("X-Client-Address",
                    exchange.clientAddress().getHostAddress()));
        };
    }
}
