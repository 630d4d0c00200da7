package io.turnpike.plugins.compression;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;

import io.turnpike.api.ConfigError;
import io.turnpike.api.Filter;
import io.turnpike.api.GatewayPlugin;
import io.turnpike.api.Phase;
import io.turnpike.api.PluginContext;
import org.pf4j.Extension;

/**
 * {@code compression}: gzip for the answers of a route, for clients that accept it, as they stream. See
 * {@code docs/plugins/compression.md}.
 */
@Extension
public final class CompressionPlugin implements GatewayPlugin<CompressionConfig> {

    /** The name routes use. */
    public static final String NAME = "compression";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<CompressionConfig> configType() {
        return CompressionConfig.class;
    }

    /**
     * Traffic, as it shapes the bytes on the wire; and so outside every phase whose plugins change bodies
     * (transformation, caching, protocol), whose answers it compresses as they leave them.
     */
    @Override
    public Phase phase() {
        return Phase.TRAFFIC;
    }

    @Override
    public List<ConfigError> validate(CompressionConfig config) {
        List<ConfigError> errors = new ArrayList<>();
        if (config.types().isEmpty()) {
            errors.add(new ConfigError("types", "is empty, so nothing would be compressed; leave it out for the"
                    + " default text types"));
        }
        for (int i = 0; i < config.types().size(); i++) {
            String type = config.types().get(i);
            if (!MediaTypes.valid(type)) {
                errors.add(new ConfigError("types[" + i + "]", "is not a media type such as application/json or"
                        + " text/*, got \"" + type + "\""));
            }
        }
        if (config.minLength() < 0) {
            errors.add(new ConfigError("min-length", "must be 0 or more bytes, got " + config.minLength()));
        }
        if (config.level() < Deflater.BEST_SPEED || config.level() > Deflater.BEST_COMPRESSION) {
            errors.add(new ConfigError("level", "must be 1 (fastest) to 9 (smallest), got " + config.level()));
        }
        return errors;
    }

    @Override
    public Filter create(CompressionConfig config, PluginContext context) {
        return new CompressionFilter(new MediaTypes(config.types()), config.minLength(), config.level());
    }
}
