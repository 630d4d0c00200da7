package io.turnpike.plugins.httplog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.api.ConfigError;
import io.turnpike.api.Filter;
import io.turnpike.api.GatewayPlugin;
import io.turnpike.api.Phase;
import io.turnpike.api.PluginContext;
import io.turnpike.api.SharedState;
import io.turnpike.plugins.support.ServiceUrls;
import org.pf4j.Extension;

/**
 * {@code http-log}: one JSON entry per request, sent in batches to a log collector over HTTP (Kong's http-log,
 * APISIX's http-logger). See {@code docs/plugins/http-log.md}.
 */
@Extension
public final class HttpLogPlugin implements GatewayPlugin<HttpLogConfig> {

    /** The name routes use. */
    public static final String NAME = "http-log";

    private static final Pattern FIELD_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final int MAX_BATCH = 10_000;
    private static final int MAX_QUEUE = 1_000_000;

    private final ObjectMapper json = new ObjectMapper();
    /** One shipper per way of sending: the routes that send alike share its queue and connection. */
    private final SharedState<Shipping, LogShipper> shippers = new SharedState<>(
            shipping -> new LogShipper(shipping, System.getLogger("io.turnpike.plugin." + NAME), json),
            LogShipper::close);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<HttpLogConfig> configType() {
        return HttpLogConfig.class;
    }

    /** The outermost phase, so that what the other plugins answer (a 401, a 429) is logged too. */
    @Override
    public Phase phase() {
        return Phase.ACCESS_CONTROL;
    }

    @Override
    public List<ConfigError> validate(HttpLogConfig config) {
        List<ConfigError> errors = new ArrayList<>();
        if (config.url() == null) {
            errors.add(new ConfigError("url", "missing; the log collector's endpoint, such as"
                    + " http://vector.internal:8080/logs"));
        } else {
            ServiceUrls.problem(config.url()).ifPresent(problem -> errors.add(new ConfigError("url", problem)));
        }
        boolean urlUsable = errors.isEmpty();
        config.headers().keySet().stream().filter(name -> !FIELD_NAME.matcher(name).matches()).sorted()
                .forEach(name -> errors.add(new ConfigError("headers", "\"" + name + "\" is not a header field name")));
        if (!"json".equals(config.format()) && !"ndjson".equals(config.format())) {
            errors.add(new ConfigError("format", "must be json or ndjson, got \"" + config.format() + "\""));
        }
        range(errors, "batch-size", config.batchSize(), 1, MAX_BATCH);
        range(errors, "queue-size", config.queueSize(), 1, MAX_QUEUE);
        range(errors, "max-retries", config.maxRetries(), 0, 10);
        duration(errors, "flush-interval", config.flushInterval(), Duration.ofMinutes(1));
        duration(errors, "timeout", config.timeout(), Duration.ofMinutes(1));
        if (config.tls() != null) {
            errors.addAll(config.tls().problems(urlUsable ? config.url() : null));
        }
        return errors;
    }

    private static void range(List<ConfigError> errors, String key, int value, int min, int max) {
        if (value < min || value > max) {
            errors.add(new ConfigError(key, "must be " + min + " to " + max + ", got " + value));
        }
    }

    private static void duration(List<ConfigError> errors, String key, Duration value, Duration max) {
        if (value.isZero() || value.isNegative() || value.compareTo(max) > 0) {
            errors.add(new ConfigError(key, "must be more than 0 and at most 1m, got " + value.toMillis() + "ms"));
        }
    }

    @Override
    public Filter create(HttpLogConfig config, PluginContext context) {
        LogEntry.Counters counters = new LogEntry.Counters(
                context.counter("entries_sent", "Log entries the collector took."),
                context.counter("entries_dropped", "Log entries given up: the queue was full, or the collector did"
                        + " not take their batch."));
        SharedState.Lease<LogShipper> lease = shippers.acquire(Shipping.of(config));
        return new HttpLogFilter(lease.state()::offer, counters, lease::close);
    }
}
