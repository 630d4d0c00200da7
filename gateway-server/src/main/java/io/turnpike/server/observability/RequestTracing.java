package io.turnpike.server.observability;

import java.net.URI;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.turnpike.api.Headers;
import io.turnpike.server.config.TelemetryConfig;

/**
 * Traces requests with the OpenTelemetry SDK: a server span per request that continues the client's W3C
 * trace context ({@code traceparent}, {@code tracestate}), and under it a client span per try upstream,
 * which becomes the parent of the upstream's work. Attributes follow OpenTelemetry's HTTP semantic
 * conventions. Spans go to the collector over OTLP/HTTP in batches, from a queue of bounded size: past it,
 * spans are dropped rather than held.
 */
public final class RequestTracing implements Tracing, AutoCloseable {

    private static final String SCOPE = "io.turnpike.gateway";
    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
    private static final AttributeKey<String> CLIENT = AttributeKey.stringKey("client.address");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("turnpike.route");
    private static final AttributeKey<String> TARGET = AttributeKey.stringKey("turnpike.upstream.target");
    private static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("turnpike.request_id");
    private static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    private static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    private static final AttributeKey<String> URL = AttributeKey.stringKey("url.full");
    private static final AttributeKey<Long> RESEND_COUNT = AttributeKey.longKey("http.request.resend_count");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    private static final AttributeKey<Long> GRPC_STATUS = AttributeKey.longKey("rpc.grpc.status_code");
    /**
     * The gRPC statuses that make a server span an error, by the semantic conventions for gRPC: UNKNOWN,
     * DEADLINE_EXCEEDED, UNIMPLEMENTED, INTERNAL, UNAVAILABLE and DATA_LOSS; the others are the caller's doing.
     */
    private static final Set<Integer> GRPC_SERVER_ERRORS = Set.of(2, 4, 12, 13, 14, 15);
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final long SHUTDOWN_SECONDS = 10;

    private static final TextMapGetter<Headers> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
            return carrier.names();
        }

        @Override
        public String get(Headers carrier, String key) {
            return carrier == null ? null : carrier.first(key).orElse(null);
        }
    };

    private static final TextMapSetter<BiConsumer<String, String>> SET = (carrier, key, value) -> carrier.accept(key, value);

    private final SdkTracerProvider provider;
    private final Tracer tracer;

    private RequestTracing(SdkTracerProvider provider) {
        this.provider = provider;
        this.tracer = provider.get(SCOPE);
    }

    /**
     * @param telemetry the service name, the export (which must be configured) and the sampling
     * @return tracing that pushes to the configured collector
     */
    public static RequestTracing start(TelemetryConfig telemetry) {
        TelemetryConfig.OtlpConfig otlp = telemetry.export().orElseThrow();
        OtlpHttpSpanExporterBuilder exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(OtlpExport.url(otlp, "/v1/traces"))
                .setTimeout(otlp.timeout());
        otlp.headers().forEach(exporter::addHeader);
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(OtlpExport.resource(telemetry))
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(telemetry.traces().sampleRatio())))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter.build()).build())
                .build();
        return new RequestTracing(provider);
    }

    /**
     * Starts a request's span, as the child of the client's when it sent a valid {@code traceparent}.
     *
     * @param method    the request's method
     * @param path      its path, as routed
     * @param requestId its request id
     * @param headers   its headers, where the client's trace context is read
     * @return the span, to end with the answer
     */
    @Override
    public RequestSpan begin(String method, String path, String requestId, Headers headers) {
        Context parent = W3C.extract(Context.root(), headers, HEADERS);
        Span span = tracer.spanBuilder(method)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute(METHOD, method)
                .setAttribute(PATH, path)
                .setAttribute(REQUEST_ID, requestId)
                .startSpan();
        return new OtelSpan(tracer, span, method);
    }

    /** Pushes the spans still queued, then stops; waits a bounded time for the collector. */
    @Override
    public void close() {
        provider.shutdown().join(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
    }

    private static final class OtelSpan implements RequestSpan {

        private final Tracer tracer;
        private final Span span;
        private final String method;

        OtelSpan(Tracer tracer, Span span, String method) {
            this.tracer = tracer;
            this.span = span;
            this.method = method;
        }

        @Override
        public void routed(String routeId) {
            // the semantic conventions' "{method} {route}", with the route's id for the template
            span.updateName(method + " " + routeId);
            span.setAttribute(ROUTE, routeId);
        }

        @Override
        public UpstreamSpan upstream(String method, URI target, String path, int resendCount) {
            int port = target.getPort() != -1 ? target.getPort() : "https".equals(target.getScheme()) ? 443 : 80;
            SpanBuilder builder = tracer.spanBuilder(method)
                    .setParent(Context.root().with(span))
                    .setSpanKind(SpanKind.CLIENT)
                    .setAttribute(METHOD, method)
                    .setAttribute(SERVER_ADDRESS, target.getHost())
                    .setAttribute(SERVER_PORT, (long) port)
                    .setAttribute(URL, target + path);
            if (resendCount > 0) {
                builder.setAttribute(RESEND_COUNT, (long) resendCount);
            }
            return new OtelUpstreamSpan(builder.startSpan());
        }

        @Override
        public void end(CompletedRequest request) {
            if (span.isRecording()) {
                span.setAttribute(STATUS, (long) request.status());
                span.setAttribute(CLIENT, request.client().getHostAddress());
                if (request.upstream() != null) {
                    span.setAttribute(TARGET, request.upstream());
                }
                request.grpcStatusCode().ifPresent(code -> span.setAttribute(GRPC_STATUS, (long) code));
                // a server span is an error for the gateway's failures, not for the client's (4xx)
                if (request.status() >= 500 || request.bytes() < 0 || isServerError(request.grpcStatusCode())) {
                    span.setStatus(StatusCode.ERROR);
                }
            }
            span.end();
        }
    }

    private static boolean isServerError(OptionalInt grpcStatus) {
        return grpcStatus.isPresent() && GRPC_SERVER_ERRORS.contains(grpcStatus.getAsInt());
    }

    private static final class OtelUpstreamSpan implements UpstreamSpan {

        private final Span span;

        OtelUpstreamSpan(Span span) {
            this.span = span;
        }

        @Override
        public void propagate(BiConsumer<String, String> header) {
            W3C.inject(Context.root().with(span), header, SET);
        }

        @Override
        public void answered(int status) {
            span.setAttribute(STATUS, (long) status);
            // for a client span, the semantic conventions count 4xx as errors too
            if (status >= 400) {
                span.setAttribute(ERROR_TYPE, Integer.toString(status));
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        }

        @Override
        public void failed(String errorType) {
            span.setAttribute(ERROR_TYPE, errorType);
            span.setStatus(StatusCode.ERROR);
            span.end();
        }
    }
}
