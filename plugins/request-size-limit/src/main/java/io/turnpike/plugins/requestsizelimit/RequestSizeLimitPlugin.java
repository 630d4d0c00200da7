package io.turnpike.plugins.requestsizelimit;

import java.util.List;

import io.turnpike.api.ConfigError;
import io.turnpike.api.Filter;
import io.turnpike.api.GatewayPlugin;
import io.turnpike.api.Phase;
import io.turnpike.api.PluginContext;
import org.pf4j.Extension;

/**
 * {@code request-size-limit}: 413 for a request body over {@code max-bytes}, decided on {@code Content-Length}
 * before the upstream is called, or counted while a chunked body streams. See
 * {@code docs/plugins/request-size-limit.md}.
 */
@Extension
public final class RequestSizeLimitPlugin implements GatewayPlugin<RequestSizeLimitConfig> {

    /** The name routes use. */
    public static final String NAME = "request-size-limit";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<RequestSizeLimitConfig> configType() {
        return RequestSizeLimitConfig.class;
    }

    @Override
    public Phase phase() {
        return Phase.TRAFFIC;
    }

    @Override
    public List<ConfigError> validate(RequestSizeLimitConfig config) {
        if (config.maxBytes() == null) {
            return List.of(new ConfigError("max-bytes", "missing; write the most bytes of body the route accepts,"
                    + " such as 1048576 for 1 MiB"));
        }
        if (config.maxBytes() < 0) {
            return List.of(new ConfigError("max-bytes", "must be 0 or more, got " + config.maxBytes()));
        }
        return List.of();
    }

    @Override
    public Filter create(RequestSizeLimitConfig config, PluginContext context) {
        return new RequestSizeLimitFilter(config.maxBytes());
    }
}
