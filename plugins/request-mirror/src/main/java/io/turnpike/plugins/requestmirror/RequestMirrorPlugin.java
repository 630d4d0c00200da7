package io.turnpike.plugins.requestmirror;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import io.turnpike.api.ConfigError;
import io.turnpike.api.Filter;
import io.turnpike.api.GatewayPlugin;
import io.turnpike.api.Phase;
import io.turnpike.api.PluginContext;
import org.pf4j.Extension;

/**
 * {@code request-mirror}: a copy of a route's requests, sent in the background to another service whose
 * answers nobody sees. See {@code docs/plugins/request-mirror.md}.
 */
@Extension
public final class RequestMirrorPlugin implements GatewayPlugin<RequestMirrorConfig> {

    /** The name routes use. */
    public static final String NAME = "request-mirror";

    static final long MAX_BODY_SIZE = 16L * 1024 * 1024;
    static final int MAX_CONCURRENT = 10_000;
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<RequestMirrorConfig> configType() {
        return RequestMirrorConfig.class;
    }

    /**
     * Transformation, so that, listed after the plugins that rewrite the request, it copies what the upstream
     * gets; and outside caching, so that a request the cache answers is copied too.
     */
    @Override
    public Phase phase() {
        return Phase.TRANSFORMATION;
    }

    @Override
    public List<ConfigError> validate(RequestMirrorConfig config) {
        List<ConfigError> errors = new ArrayList<>();
        if (config.url() == null || config.url().isEmpty()) {
            errors.add(new ConfigError("url", "missing; the mirror's base URL, such as http://orders-next:8080"));
        } else {
            problemWithUrl(config.url()).ifPresent(problem -> errors.add(new ConfigError("url", problem)));
        }
        if (config.sampleRatio() < 0 || config.sampleRatio() > 1) {
            errors.add(new ConfigError("sample-ratio", "must be 0 to 1, got " + config.sampleRatio()));
        }
        if (config.timeout().isNegative() || config.timeout().isZero() || config.timeout().compareTo(MAX_TIMEOUT) > 0) {
            errors.add(new ConfigError("timeout", "must be more than 0 and at most 5m, got "
                    + config.timeout().toMillis() + "ms"));
        }
        if (config.maxBodySize() < 0 || config.maxBodySize() > MAX_BODY_SIZE) {
            errors.add(new ConfigError("max-body-size", "must be 0 to " + MAX_BODY_SIZE + " bytes, got "
                    + config.maxBodySize()));
        }
        if (config.maxConcurrent() < 1 || config.maxConcurrent() > MAX_CONCURRENT) {
            errors.add(new ConfigError("max-concurrent", "must be 1 to " + MAX_CONCURRENT + ", got "
                    + config.maxConcurrent()));
        }
        return errors;
    }

    private static Optional<String> problemWithUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a URL: " + e.getReason());
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            return Optional.of("must start with http:// or https://, got " + url);
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            return Optional.of("must be a host, an optional port and an optional base path, without"
                    + " credentials, query or fragment");
        }
        return Optional.empty();
    }

    @Override
    public Filter create(RequestMirrorConfig config, PluginContext context) {
        String base = config.url().endsWith("/") ? config.url().substring(0, config.url().length() - 1) : config.url();
        Mirror mirror = new Mirror(base, config.timeout(), config.maxConcurrent(), context.logger(), System::nanoTime,
                context.counter("copies_dropped", "Requests not copied because max-concurrent copies were in flight"),
                context.counter("copies_failed", "Copies that failed: refused, timed out, or not sendable"));
        return new RequestMirrorFilter(mirror, config.sampleRatio(), config.maxBodySize(),
                () -> ThreadLocalRandom.current().nextDouble());
    }
}
