package io.turnpike.server.observability;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

/**
 * The gateway's request metrics for Prometheus to scrape from the admin port's {@code GET /metrics}, in its
 * text format, with the Prometheus Java client: the metrics {@link RequestMetrics} pushes over OTLP, under
 * Prometheus's names ({@code http_server_request_duration_seconds},
 * {@code turnpike_upstream_request_duration_seconds}, {@code http_server_active_requests}), and the JVM's own
 * (memory, collections, threads, class loading). They live in a registry of this instance, not the client's
 * global one. Every label comes from a bounded set: the configured routes and targets, the standard methods,
 * the status codes.
 */
public final class PrometheusMetrics implements RequestObserver {

    // The names an OpenTelemetry Collector gives RequestMetrics' attributes when it exports to Prometheus, so
    // that a dashboard works whether the metrics are scraped here or pushed over OTLP and converted.
    private static final String METHOD = "http_request_method";
    private static final String STATUS = "http_response_status_code";
    private static final String ROUTE = "turnpike_route";
    private static final String TARGET = "turnpike_upstream_target";
    private static final String GRPC_STATUS = "rpc_grpc_status_code";
    private static final String UPSTREAM = "turnpike_upstream";
    private static final String ADDRESS = "turnpike_upstream_address";
    private static final double[] BUCKETS = RequestMetrics.BUCKETS.stream().mapToDouble(Double::doubleValue).toArray();

    private final PrometheusRegistry registry = new PrometheusRegistry();
    /** By metric name: each plugin counter is registered once, however many routes and reloads ask for it. */
    private final Map<String, io.prometheus.metrics.core.metrics.Counter> pluginCounters = new ConcurrentHashMap<>();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Histogram requests;
    private final Histogram upstream;

    private PrometheusMetrics(LongSupplier underWay) {
        GaugeWithCallback.builder()
                .name("http_server_active_requests")
                .help("Requests the gateway is serving")
                .callback(gauge -> gauge.call(underWay.getAsLong()))
                .register(registry);
        this.requests = Histogram.builder()
                .name("http_server_request_duration_seconds")
                .unit(Unit.SECONDS)
                .help("Requests answered by the gateway, from arrival to the end of the answer")
                .labelNames(METHOD, STATUS, ROUTE, GRPC_STATUS)
                .classicOnly()
                .classicUpperBounds(BUCKETS)
                .register(registry);
        this.upstream = Histogram.builder()
                .name("turnpike_upstream_request_duration_seconds")
                .unit(Unit.SECONDS)
                .help("Calls to upstream targets, from sending to the answer's head")
                .labelNames(METHOD, STATUS, ROUTE, GRPC_STATUS, TARGET)
                .classicOnly()
                .classicUpperBounds(BUCKETS)
                .register(registry);
    }

    /**
     * @param underWay how many requests are being served, read at each scrape
     * @return metrics to scrape, the JVM's included
     */
    public static PrometheusMetrics start(LongSupplier underWay) {
        PrometheusMetrics metrics = new PrometheusMetrics(underWay);
        JvmMetrics.builder().register(metrics.registry);
        return metrics;
    }

    /**
     * A plugin's counter: {@code turnpike_plugin_<plugin>_<name>_total} with the route as its one label.
     *
     * @see PluginMeters#counter
     */
    io.turnpike.api.Counter pluginCounter(String plugin, String name, String description, String route) {
        String metric = "turnpike_plugin_" + plugin.replace('-', '_') + "_" + name;
        io.prometheus.metrics.core.metrics.Counter family = pluginCounters.computeIfAbsent(metric,
                unused -> io.prometheus.metrics.core.metrics.Counter.builder()
                        .name(metric)
                        .help(description)
                        .labelNames(ROUTE)
                        .register(registry));
        var child = family.labelValues(route);
        return child::inc;
    }

    /**
     * Gauges of the upstream targets, read at each scrape: {@code turnpike_upstream_target_available} and
     * {@code turnpike_upstream_target_circuit_breaker_state}, the names a Collector gives
     * {@link RequestMetrics#observeTargets}'. The address is empty for a target without DNS discovery.
     *
     * @param targets the targets of the runtime serving at the time of the scrape
     */
    void observeTargets(Supplier<List<TargetState>> targets) {
        GaugeWithCallback.builder()
                .name("turnpike_upstream_target_available")
                .help("Whether the upstream target takes requests now (1) or not (0)")
                .labelNames(UPSTREAM, TARGET, ADDRESS)
                .callback(gauge -> targets.get().forEach(target -> gauge.call(target.available() ? 1 : 0,
                        target.upstream(), target.target(), target.address())))
                .register(registry);
        GaugeWithCallback.builder()
                .name("turnpike_upstream_target_circuit_breaker_state")
                .help("The state of the upstream target's circuit breaker: 1 for the state it is in")
                .labelNames(UPSTREAM, TARGET, ADDRESS, "state")
                .callback(gauge -> targets.get().forEach(target -> {
                    for (String state : TargetState.BREAKER_STATES) {
                        gauge.call(state.equals(target.breakerState()) ? 1 : 0, target.upstream(), target.target(),
                                target.address(), state);
                    }
                }))
                .register(registry);
    }

    @Override
    public void requestEnded(CompletedRequest request) {
        String method = request.methodLabel();
        String status = Integer.toString(request.status());
        // Prometheus wants the same labels on every sample: a request no route matched has an empty route.
        String route = request.route() == null ? "" : request.route();
        // likewise empty for a request that was no gRPC call
        String grpcStatus = request.grpcStatusCode().stream().mapToObj(Integer::toString).findFirst().orElse("");
        requests.labelValues(method, status, route, grpcStatus).observe(seconds(request.durationNanos()));
        if (request.upstream() != null) {
            upstream.labelValues(method, status, route, grpcStatus, request.upstream())
                    .observe(seconds(request.upstreamNanos()));
        }
    }

    /** @return the media type of what {@link #scrape} writes */
    public String contentType() {
        return writer.getContentType();
    }

    /**
     * Writes every metric as it stands, in Prometheus's text format.
     *
     * @param out where to write
     * @throws IOException when writing fails
     */
    public void scrape(OutputStream out) throws IOException {
        writer.write(out, registry.scrape(), EscapingScheme.DEFAULT);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
