package io.turnpike.plugins.transformer;

import java.util.List;

import io.turnpike.api.ConfigError;
import io.turnpike.api.Filter;
import io.turnpike.api.GatewayPlugin;
import io.turnpike.api.Phase;
import io.turnpike.api.PluginContext;
import org.pf4j.Extension;

/**
 * {@code request-transformer}: rewrites request headers and query parameters before the upstream sees them,
 * in the manner of Kong's plugin of the same name. See {@code docs/plugins/request-transformer.md}.
 */
@Extension
public final class RequestTransformerPlugin implements GatewayPlugin<RequestTransformerConfig> {

    /** The name routes use. */
    public static final String NAME = "request-transformer";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<RequestTransformerConfig> configType() {
        return RequestTransformerConfig.class;
    }

    @Override
    public Phase phase() {
        return Phase.TRANSFORMATION;
    }

    @Override
    public List<ConfigError> validate(RequestTransformerConfig config) {
        return ConfigCheck.errorsIn(config);
    }

    @Override
    public Filter create(RequestTransformerConfig config, PluginContext context) {
        return new RequestTransformerFilter(config);
    }
}
