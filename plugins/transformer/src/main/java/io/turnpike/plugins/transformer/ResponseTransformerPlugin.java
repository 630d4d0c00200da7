package io.turnpike.plugins.transformer;

import java.util.List;

import io.turnpike.api.ConfigError;
import io.turnpike.api.Filter;
import io.turnpike.api.GatewayPlugin;
import io.turnpike.api.Phase;
import io.turnpike.api.PluginContext;
import org.pf4j.Extension;

/**
 * {@code response-transformer}: rewrites the answer's headers and the fields of JSON answers before the client
 * sees them, in the manner of Kong's plugin of the same name. See {@code docs/plugins/response-transformer.md}.
 */
@Extension
public final class ResponseTransformerPlugin implements GatewayPlugin<ResponseTransformerConfig> {

    /** The name routes use. */
    public static final String NAME = "response-transformer";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<ResponseTransformerConfig> configType() {
        return ResponseTransformerConfig.class;
    }

    @Override
    public Phase phase() {
        return Phase.TRANSFORMATION;
    }

    @Override
    public List<ConfigError> validate(ResponseTransformerConfig config) {
        return ConfigCheck.errorsIn(config);
    }

    @Override
    public Filter create(ResponseTransformerConfig config, PluginContext context) {
        return new ResponseTransformerFilter(config);
    }
}
