package io.turnpike.plugins.grpcweb;

import io.turnpike.api.Filter;
import io.turnpike.api.GatewayPlugin;
import io.turnpike.api.Phase;
import io.turnpike.api.PluginContext;
import org.pf4j.Extension;

/**
 * {@code grpc-web}: lets browsers call the gRPC service behind a route, in gRPC-Web, which is gRPC carried
 * in what a browser's {@code fetch} can send and read (no HTTP/2 trailers). See {@code docs/plugins/grpc-web.md}.
 */
@Extension
public final class GrpcWebPlugin implements GatewayPlugin<GrpcWebConfig> {

    /** The name routes use. */
    public static final String NAME = "grpc-web";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<GrpcWebConfig> configType() {
        return GrpcWebConfig.class;
    }

    /**
     * Last, closest to the upstream: every other plugin sees the call as the browser made it (its fields, its
     * metadata), and the answer as the browser gets it.
     */
    @Override
    public Phase phase() {
        return Phase.PROTOCOL;
    }

    @Override
    public Filter create(GrpcWebConfig config, PluginContext context) {
        return new GrpcWebFilter();
    }
}
