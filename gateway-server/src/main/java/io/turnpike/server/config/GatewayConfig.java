package io.turnpike.server.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole gateway configuration, as bound from {@code gateway.yaml}. Immutable; absent sections take
 * their defaults, so no reader null-checks.
 *
 * @param server    the proxy listener
 * @param admin     the admin listener
 * @param plugins   where plugin jars are loaded from
 * @param upstreams the backend services by name, in declaration order
 * @param routes    the routes in declaration order
 * @param consumers the callers that authentication plugins recognise, in declaration order
 * @param consumerHeaders the headers that name the consumer to the upstream
 * @param telemetry the metrics and where they are exported; none by default
 */
public record GatewayConfig(ServerConfig server,
                            AdminConfig admin,
                            PluginsConfig plugins,
                            Map<String, UpstreamConfig> upstreams,
                            List<RouteConfig> routes,
                            List<ConsumerConfig> consumers,
                            ConsumerHeadersConfig consumerHeaders,
                            TelemetryConfig telemetry) {

    public GatewayConfig {
        server = server == null ? ServerConfig.DEFAULT : server;
        admin = admin == null ? AdminConfig.DEFAULT : admin;
        plugins = plugins == null ? PluginsConfig.DEFAULT : plugins;
        upstreams = upstreams == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(upstreams));
        routes = routes == null ? List.of() : List.copyOf(routes);
        consumers = consumers == null ? List.of() : List.copyOf(consumers);
        consumerHeaders = consumerHeaders == null ? ConsumerHeadersConfig.DEFAULT : consumerHeaders;
        telemetry = telemetry == null ? TelemetryConfig.DEFAULT : telemetry;
    }
}
