package io.turnpike.server.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Metrics and traces: pushed with OpenTelemetry over OTLP, and metrics also for Prometheus to scrape. Without
 * either, none are kept at all.
 *
 * @param serviceName the {@code service.name} they carry, default {@code turnpike}
 * @param otlp        where metrics and traces are pushed, over OTLP/HTTP; absent, nothing is pushed
 * @param traces      which requests are traced
 * @param prometheus  whether the admin port serves the metrics at {@code GET /metrics}
 */
public record TelemetryConfig(String serviceName, OtlpConfig otlp, TracesConfig traces, PrometheusConfig prometheus) {

    public static final TelemetryConfig DEFAULT = new TelemetryConfig(null, null, null, null);

    public TelemetryConfig {
        serviceName = serviceName == null ? "turnpike" : serviceName;
        traces = traces == null ? TracesConfig.DEFAULT : traces;
        prometheus = prometheus == null ? PrometheusConfig.DEFAULT : prometheus;
    }

    /**
     * Metrics for Prometheus to scrape from the admin port.
     *
     * @param enabled whether {@code GET /metrics} serves them, default false
     */
    public record PrometheusConfig(Boolean enabled) {

        public static final PrometheusConfig DEFAULT = new PrometheusConfig(null);

        public PrometheusConfig {
            enabled = enabled != null && enabled;
        }
    }

    /**
     * Tracing: a span per request, continuing the client's W3C trace context and handing the gateway's on to
     * the upstream.
     *
     * @param enabled     whether requests are traced when there is an export, default true
     * @param sampleRatio the share of new traces recorded, 0 to 1, default 0.01; a request whose caller says
     *                    whether its trace is sampled follows the caller
     */
    public record TracesConfig(Boolean enabled, Double sampleRatio) {

        public static final TracesConfig DEFAULT = new TracesConfig(null, null);

        public TracesConfig {
            enabled = enabled == null ? Boolean.TRUE : enabled;
            sampleRatio = sampleRatio == null ? 0.01 : sampleRatio;
        }
    }

    /** @return the export, when one is configured */
    public Optional<OtlpConfig> export() {
        return Optional.ofNullable(otlp);
    }

    /**
     * An OTLP/HTTP metrics export, as a collector (the OpenTelemetry Collector, or any backend that takes
     * OTLP) receives it.
     *
     * @param endpoint the collector's base URL, such as {@code http://otel-collector:4318}; metrics go to its
     *                 {@code /v1/metrics}
     * @param interval how often the metrics are pushed, default 60s
     * @param timeout  how long one push may take, default 10s
     * @param headers  headers sent with every push, such as an authorization for a hosted backend; secrets
     *                 belong in {@code ${VARIABLES}}
     */
    public record OtlpConfig(String endpoint, Duration interval, Duration timeout, Map<String, String> headers) {

        public OtlpConfig {
            interval = interval == null ? Duration.ofSeconds(60) : interval;
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }

        /** Never prints the headers' values, which may hold a token. */
        @Override
        public String toString() {
            return "OtlpConfig[endpoint=" + endpoint + ", interval=" + interval + ", timeout=" + timeout
                    + ", headers=" + headers.keySet() + "]";
        }
    }
}
