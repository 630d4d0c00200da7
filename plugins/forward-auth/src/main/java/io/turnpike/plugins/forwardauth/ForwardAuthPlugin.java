package io.turnpike.plugins.forwardauth;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;


import io.turnpike.api.ConfigError;
import io.turnpike.api.Filter;
import io.turnpike.api.GatewayPlugin;
import io.turnpike.api.Phase;
import io.turnpike.api.PluginContext;
import io.turnpike.plugins.support.ServiceUrls;
import org.pf4j.Extension;

/**
 * {@code forward-auth}: each request of a route is first put to an authorization service of the operator's own,
 * as nginx's {@code auth_request}, Traefik's ForwardAuth and Envoy's external authorization do. See
 * {@code docs/plugins/forward-auth.md}.
 */
@Extension
public final class ForwardAuthPlugin implements GatewayPlugin<ForwardAuthConfig> {

    /** The name routes use. */
    public static final String NAME = "forward-auth";

    static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);
    static final int MAX_CONCURRENT = 10_000;
    private static final Pattern FIELD_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<ForwardAuthConfig> configType() {
        return ForwardAuthConfig.class;
    }

    /**
     * Authorization: after the route's own authentication, so that the service can be told the consumer
     * ({@code X-Consumer-Name}) and decide on it, and before rate limits and caching, so that a refused
     * request costs no quota and no cached answer reaches anyone the service would refuse.
     */
    @Override
    public Phase phase() {
        return Phase.AUTHORIZATION;
    }

    @Override
    public List<ConfigError> validate(ForwardAuthConfig config) {
        List<ConfigError> errors = new ArrayList<>();
        Optional<URI> url = url(config.url(), errors);
        if (config.timeout().isNegative() || config.timeout().isZero() || config.timeout().compareTo(MAX_TIMEOUT) > 0) {
            errors.add(new ConfigError("timeout", "must be more than 0 and at most 1m, got "
                    + config.timeout().toMillis() + "ms"));
        }
        fieldNames("request-headers", config.requestHeaders(), errors);
        fieldNames("upstream-headers", config.upstreamHeaders(), errors);
        fieldNames("client-headers", config.clientHeaders(), errors);
        fieldNames("response-headers", config.responseHeaders(), errors);
        if (config.maxConcurrent() < 1 || config.maxConcurrent() > MAX_CONCURRENT) {
            errors.add(new ConfigError("max-concurrent", "must be 1 to " + MAX_CONCURRENT + ", got "
                    + config.maxConcurrent()));
        }
        if (config.tls() != null) {
            errors.addAll(config.tls().problems(url.map(URI::toString).orElse(null)));
        }
        return errors;
    }

    private static Optional<URI> url(String url, List<ConfigError> errors) {
        if (url == null || url.isEmpty()) {
            errors.add(new ConfigError("url", "missing; the authorization service's URL, such as"
                    + " http://auth.internal:4181/verify"));
            return Optional.empty();
        }
        Optional<String> problem = ServiceUrls.problem(url);
        problem.ifPresent(text -> errors.add(new ConfigError("url", text)));
        return problem.isPresent() ? Optional.empty() : Optional.of(URI.create(url));
    }

    private static void fieldNames(String key, List<String> names, List<ConfigError> errors) {
        if (names == null) {
            return;
        }
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String at = key + "[" + i + "]";
            if (name == null || !FIELD_NAME.matcher(name).matches()) {
                errors.add(new ConfigError(at, "must be a header field name, got " + name));
            } else if (AuthService.CONNECTION_FIELDS.contains(name.toLowerCase(Locale.ROOT))) {
                errors.add(new ConfigError(at, name + " belongs to one connection and is never passed on"));
            }
        }
    }

    @Override
    public Filter create(ForwardAuthConfig config, PluginContext context) {
        URI url = URI.create(config.url());
        AuthService service = new AuthService(url, config.timeout(), config.maxConcurrent(), config.tls() == null ? null : config.tls().sslContext());
        return new ForwardAuthFilter(service, new FailureLog(config.url(), context.logger(), System::nanoTime),
                new ForwardAuthFilter.Fields(config.requestHeaders(), config.upstreamHeaders(), config.clientHeaders(),
                        config.responseHeaders()),
                context.counter("refused", "Requests the authorization service refused, its answer passed to the client"),
                context.counter("service_failures",
                        "Requests answered 502, 503 or 504 because the authorization service failed"));
    }
}
