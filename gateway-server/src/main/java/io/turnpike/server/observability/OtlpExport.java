package io.turnpike.server.observability;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.resources.Resource;
import io.turnpike.server.config.TelemetryConfig;

/** What the metrics and the traces pushed to one collector have in common: where, and from whom. */
final class OtlpExport {

    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

    private OtlpExport() {
    }

    /**
     * @param otlp   the export
     * @param signal the signal's path under the collector's base URL, such as {@code /v1/metrics}
     * @return the URL that signal is pushed to
     */
    static String url(TelemetryConfig.OtlpConfig otlp, String signal) {
        String base = otlp.endpoint();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + signal;
    }

    /** @return the SDK's default resource, with the configured {@code service.name} */
    static Resource resource(TelemetryConfig telemetry) {
        return Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE_NAME, telemetry.serviceName())));
    }
}
