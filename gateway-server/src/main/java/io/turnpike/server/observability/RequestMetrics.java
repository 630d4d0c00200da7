package io.turnpike.server.observability;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporterBuilder;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.turnpike.server.config.TelemetryConfig;

/**
 * The gateway's request metrics on the OpenTelemetry SDK, pushed over OTLP/HTTP to a collector:
 * {@code http.server.request.duration} for every answered request, {@code turnpike.upstream.request.duration}
 * for the target that answered it, and {@code http.server.active_requests}, the requests being served. Names
 * and attributes follow OpenTelemetry's HTTP semantic conventions where they have one. Every attribute comes
 * from a bounded set (the configured routes and targets, the standard methods, status codes), never from free
 * client input.
 */
public final class RequestMetrics implements RequestObserver, AutoCloseable {

    private static final String SCOPE = "io.turnpike.gateway";
    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("turnpike.route");
    private static final AttributeKey<String> TARGET = AttributeKey.stringKey("turnpike.upstream.target");
    private static final AttributeKey<Long> GRPC_STATUS = AttributeKey.longKey("rpc.grpc.status_code");
    private static final AttributeKey<String> UPSTREAM = AttributeKey.stringKey("turnpike.upstream");
    private static final AttributeKey<String> ADDRESS = AttributeKey.stringKey("turnpike.upstream.address");
    private static final AttributeKey<String> STATE = AttributeKey.stringKey("state");
    /** The semantic conventions' advice for HTTP durations, in seconds. */
    static final List<Double> BUCKETS =
            List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0);
    private static final long SHUTDOWN_SECONDS = 10;

    private final SdkMeterProvider provider;
    private final Meter meter;
    /** By metric name: each plugin counter is built once, however many routes and reloads ask for it. */
    private final Map<String, LongCounter> pluginCounters = new ConcurrentHashMap<>();
    private final DoubleHistogram requests;
    private final DoubleHistogram upstream;

    private RequestMetrics(SdkMeterProvider provider, LongSupplier underWay) {
        this.provider = provider;
        this.meter = provider.get(SCOPE);
        meter.upDownCounterBuilder("http.server.active_requests")
                .setUnit("{request}")
                .setDescription("Requests the gateway is serving")
                .buildWithCallback(measurement -> measurement.record(underWay.getAsLong()));
        this.requests = meter.histogramBuilder("http.server.request.duration")
                .setUnit("s")
                .setDescription("Requests answered by the gateway, from arrival to the end of the answer")
                .setExplicitBucketBoundariesAdvice(BUCKETS)
                .build();
        this.upstream = meter.histogramBuilder("turnpike.upstream.request.duration")
                .setUnit("s")
                .setDescription("Calls to upstream targets, from sending to the answer's head")
                .setExplicitBucketBoundariesAdvice(BUCKETS)
                .build();
    }

    /**
     * @param telemetry the service name and the export, which must be configured
     * @param underWay  how many requests are being served, read at each push
     * @return metrics that push to the configured collector
     */
    public static RequestMetrics start(TelemetryConfig telemetry, LongSupplier underWay) {
        TelemetryConfig.OtlpConfig otlp = telemetry.export().orElseThrow();
        OtlpHttpMetricExporterBuilder exporter = OtlpHttpMetricExporter.builder()
                .setEndpoint(OtlpExport.url(otlp, "/v1/metrics"))
                .setTimeout(otlp.timeout());
        otlp.headers().forEach(exporter::addHeader);
        SdkMeterProvider provider = SdkMeterProvider.builder()
                .setResource(OtlpExport.resource(telemetry))
                .registerMetricReader(PeriodicMetricReader.builder(exporter.build())
                        .setInterval(otlp.interval())
                        .build())
                .build();
        return new RequestMetrics(provider, underWay);
    }

    /**
     * A plugin's counter: {@code turnpike.plugin.<plugin>.<name>} with the route in {@code turnpike.route}.
     *
     * @see PluginMeters#counter
     */
    io.turnpike.api.Counter pluginCounter(String plugin, String name, String description, String route) {
        String metric = "turnpike.plugin." + plugin + "." + name;
        LongCounter counter = pluginCounters.computeIfAbsent(metric,
                unused -> meter.counterBuilder(metric).setDescription(description).build());
        Attributes attributes = Attributes.of(ROUTE, route);
        return amount -> counter.add(amount, attributes);
    }

    /**
     * Gauges of the upstream targets, read at each push: {@code turnpike.upstream.target.available} and
     * {@code turnpike.upstream.target.circuit_breaker.state}. No unit, so that a Collector's conversion for
     * Prometheus gives the names {@link PrometheusMetrics} uses.
     *
     * @param targets the targets of the runtime serving at the time of the push
     */
    void observeTargets(Supplier<List<TargetState>> targets) {
        meter.gaugeBuilder("turnpike.upstream.target.available").ofLongs()
                .setDescription("Whether the upstream target takes requests now (1) or not (0)")
                .buildWithCallback(measurement -> targets.get().forEach(target ->
                        measurement.record(target.available() ? 1 : 0, attributes(target).build())));
        meter.gaugeBuilder("turnpike.upstream.target.circuit_breaker.state").ofLongs()
                .setDescription("The state of the upstream target's circuit breaker: 1 for the state it is in")
                .buildWithCallback(measurement -> targets.get().forEach(target -> {
                    for (String state : TargetState.BREAKER_STATES) {
                        measurement.record(state.equals(target.breakerState()) ? 1 : 0,
                                attributes(target).put(STATE, state).build());
                    }
                }));
    }

    private static AttributesBuilder attributes(TargetState target) {
        AttributesBuilder attributes = Attributes.builder().put(UPSTREAM, target.upstream()).put(TARGET, target.target());
        if (!target.address().isEmpty()) {
            attributes.put(ADDRESS, target.address());
        }
        return attributes;
    }

    @Override
    public void requestEnded(CompletedRequest request) {
        AttributesBuilder attributes = Attributes.builder()
                .put(METHOD, request.methodLabel())
                .put(STATUS, (long) request.status());
        if (request.route() != null) {
            attributes.put(ROUTE, request.route());
        }
        // a failed gRPC call is an HTTP 200: without its own status it would count as a success
        request.grpcStatusCode().ifPresent(code -> attributes.put(GRPC_STATUS, (long) code));
        requests.record(seconds(request.durationNanos()), attributes.build());
        if (request.upstream() != null) {
            upstream.record(seconds(request.upstreamNanos()), attributes.put(TARGET, request.upstream()).build());
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** Pushes what was counted since the last export, then stops; waits a bounded time for the collector. */
    @Override
    public void close() {
        provider.shutdown().join(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
    }
}
