package io.turnpike.plugins.requesttermination;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.turnpike.api.ConfigError;
import io.turnpike.api.Filter;
import io.turnpike.api.GatewayPlugin;
import io.turnpike.api.Phase;
import io.turnpike.api.PluginContext;
import org.pf4j.Extension;

/**
 * {@code request-termination}: answers a route's requests itself with a fixed status and body, as Kong's
 * request-termination and APISIX's mocking do. See {@code docs/plugins/request-termination.md}.
 */
@Extension
public final class RequestTerminationPlugin implements GatewayPlugin<RequestTerminationConfig> {

    /** The name routes use. */
    public static final String NAME = "request-termination";

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** Fields the gateway writes itself from the body, or that belong to one connection. */
    private static final Set<String> GATEWAY_FIELDS = Set.of("content-length", "transfer-encoding", "connection",
            "keep-alive", "upgrade", "trailer", "te");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<RequestTerminationConfig> configType() {
        return RequestTerminationConfig.class;
    }

    /**
     * Last, where the upstream would be called: the route's authentication, rate limits and CORS still apply, and
     * a request they refuse gets their answer rather than this one.
     */
    @Override
    public Phase phase() {
        return Phase.PROTOCOL;
    }

    /** A route that only terminates needs no upstream; with a trigger, what passes on is answered 404. */
    @Override
    public boolean answersInPlaceOfUpstream() {
        return true;
    }

    @Override
    public List<ConfigError> validate(RequestTerminationConfig config) {
        List<ConfigError> errors = new ArrayList<>();
        int status = config.status();
        if (status < 200 || status > 599) {
            errors.add(new ConfigError("status", "must be 200 to 599, got " + status));
        }
        if (config.body() != null && config.message() != null) {
            errors.add(new ConfigError("message", "is the detail of a problem answer; with body, the body is the"
                    + " whole answer: give one of them"));
        }
        if (config.body() == null && status >= 200 && status < 400) {
            errors.add(new ConfigError("body", "missing; a " + status + " answer is no problem, so give its body"
                    + " (\"\" for none)"));
        }
        if (config.contentType() != null && config.body() == null) {
            errors.add(new ConfigError("content-type", "is used only with body"));
        }
        config.headers().keySet().stream().sorted().forEach(name -> {
            if (!TOKEN.matcher(name).matches()) {
                errors.add(new ConfigError("headers", "\"" + name + "\" is not a header field name"));
            } else if (GATEWAY_FIELDS.contains(name.toLowerCase(Locale.ROOT))) {
                errors.add(new ConfigError("headers", name + " is written by the gateway"));
            }
        });
        boolean located = config.headers().keySet().stream().anyMatch("location"::equalsIgnoreCase);
        if (status >= 300 && status < 400 && !located) {
            errors.add(new ConfigError("headers", "a " + status + " answer needs a Location, such as"
                    + " {Location: \"https://example.com/new\"}"));
        }
        if (config.trigger() != null && !TOKEN.matcher(config.trigger()).matches()) {
            errors.add(new ConfigError("trigger", "must be a header or query parameter name, got \""
                    + config.trigger() + "\""));
        }
        return errors;
    }

    @Override
    public Filter create(RequestTerminationConfig config, PluginContext context) {
        return new Termination(config, context.counter("terminated", "Requests answered by the plugin in place of"
                + " the upstream."));
    }
}
