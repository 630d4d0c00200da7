package io.turnpike.server.observability;

import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.turnpike.server.config.GatewayConfig;

/**
 * What a gateway records of its requests, started and stopped together: the access log, and with
 * {@code telemetry} the metrics and the tracing.
 */
public final class Observability implements AutoCloseable {

    private final AccessLog accessLog;
    private final Optional<RequestMetrics> metrics;
    private final Optional<PrometheusMetrics> prometheus;
    private final Optional<RequestTracing> tracing;
    private final PluginMeters pluginMeters;

    private Observability(AccessLog accessLog, Optional<RequestMetrics> metrics, Optional<PrometheusMetrics> prometheus,
                          Optional<RequestTracing> tracing) {
        this.accessLog = accessLog;
        this.metrics = metrics;
        this.prometheus = prometheus;
        this.tracing = tracing;
        this.pluginMeters = pluginMeters(metrics, prometheus);
    }

    /**
     * @param config   the configuration, whose {@code server.access-log} and {@code telemetry} say what runs
     * @param underWay how many requests are being served now
     * @return what the configuration asks for, started; nothing is left running if one part fails to start
     */
    public static Observability start(GatewayConfig config, LongSupplier underWay) {
        AccessLog accessLog = config.server().accessLog().enabled()
                ? AccessLog.start(System.out, config.server().accessLog().queueLines())
                : AccessLog.off();
        Optional<RequestMetrics> metrics = Optional.empty();
        try {
            metrics = config.telemetry().export().map(otlp -> RequestMetrics.start(config.telemetry(), underWay));
            Optional<PrometheusMetrics> prometheus = config.telemetry().prometheus().enabled()
                    ? Optional.of(PrometheusMetrics.start(underWay)) : Optional.empty();
            Optional<RequestTracing> tracing = config.telemetry().export()
                    .filter(otlp -> config.telemetry().traces().enabled())
                    .map(otlp -> RequestTracing.start(config.telemetry()));
            return new Observability(accessLog, metrics, prometheus, tracing);
        } catch (RuntimeException e) {
            accessLog.close();
            metrics.ifPresent(RequestMetrics::close);
            throw e;
        }
    }

    /** @return what each answered request goes to: the access log, then the metrics of each kind configured */
    public RequestObserver observer() {
        RequestObserver observer = accessLog;
        if (metrics.isPresent()) {
            observer = observer.andThen(metrics.get());
        }
        if (prometheus.isPresent()) {
            observer = observer.andThen(prometheus.get());
        }
        return observer;
    }

    /** @return where plugins' counters go: the metrics of each kind configured, or nowhere */
    public PluginMeters pluginMeters() {
        return pluginMeters;
    }

    /** One bound over every kind of export, kept for the gateway's life, so that reloads cannot reset it. */
    private static PluginMeters pluginMeters(Optional<RequestMetrics> metrics, Optional<PrometheusMetrics> prometheus) {
        PluginMeters meters = PluginMeters.NONE;
        if (metrics.isPresent()) {
            meters = metrics.get()::pluginCounter;
        }
        if (prometheus.isPresent()) {
            PluginMeters scraped = prometheus.get()::pluginCounter;
            meters = meters == PluginMeters.NONE ? scraped : meters.and(scraped);
        }
        return meters == PluginMeters.NONE ? meters : new BoundedPluginMeters(meters);
    }

    /**
     * Shows the upstream targets in the metrics, as they stand whenever the metrics are read.
     *
     * @param targets the targets of the runtime serving at the time
     */
    public void observeTargets(Supplier<List<TargetState>> targets) {
        metrics.ifPresent(each -> each.observeTargets(targets));
        prometheus.ifPresent(each -> each.observeTargets(targets));
    }

    /** @return the metrics the admin port serves to Prometheus, when configured */
    public Optional<PrometheusMetrics> prometheus() {
        return prometheus;
    }

    /** @return what starts each request's span */
    public Tracing tracing() {
        return tracing.isPresent() ? tracing.get() : Tracing.OFF;
    }

    /** Writes and pushes what is still held, each part waiting a bounded time. */
    @Override
    public void close() {
        accessLog.close();
        metrics.ifPresent(RequestMetrics::close);
        tracing.ifPresent(RequestTracing::close);
    }
}
