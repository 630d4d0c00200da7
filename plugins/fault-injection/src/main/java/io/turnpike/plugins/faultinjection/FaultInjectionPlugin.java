package io.turnpike.plugins.faultinjection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import io.turnpike.api.ConfigError;
import io.turnpike.api.Filter;
import io.turnpike.api.GatewayPlugin;
import io.turnpike.api.Phase;
import io.turnpike.api.PluginContext;
import org.pf4j.Extension;

/**
 * {@code fault-injection}: delays a share of a route's requests and answers a share with a fixed error in place
 * of the upstream's, as APISIX's fault-injection and Envoy's fault filter do, for chaos testing. See
 * {@code docs/plugins/fault-injection.md}.
 */
@Extension
public final class FaultInjectionPlugin implements GatewayPlugin<FaultInjectionConfig> {

    /** The name routes use. */
    public static final String NAME = "fault-injection";

    /** Every delayed request holds a connection meanwhile, and a stop waits for it up to the drain timeout. */
    static final Duration MAX_DELAY = Duration.ofSeconds(60);
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<FaultInjectionConfig> configType() {
        return FaultInjectionConfig.class;
    }

    /**
     * Last, where the upstream would be called, so that the fault stands in for the upstream's: the route's
     * authentication, rate limits, transformations and cache still apply first, whatever the list order, and a
     * request they refuse or answer meets no fault.
     */
    @Override
    public Phase phase() {
        return Phase.PROTOCOL;
    }

    @Override
    public List<ConfigError> validate(FaultInjectionConfig config) {
        List<ConfigError> errors = new ArrayList<>();
        if (config.delay() == null && config.abort() == null) {
            errors.add(new ConfigError("", "needs at least one of delay and abort, such as abort: {status: 503}"));
        }
        if (config.delay() != null) {
            delay(config.delay(), errors);
        }
        if (config.abort() != null) {
            abort(config.abort(), errors);
        }
        if (config.trigger() != null && !TOKEN.matcher(config.trigger()).matches()) {
            errors.add(new ConfigError("trigger", "must be a header or query parameter name, got \""
                    + config.trigger() + "\""));
        }
        return errors;
    }

    private static void delay(Delay delay, List<ConfigError> errors) {
        Duration duration = delay.duration();
        if (duration == null) {
            errors.add(new ConfigError("delay.duration", "missing; how long a delayed request waits, such as 2s"));
        } else if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DELAY) > 0) {
            errors.add(new ConfigError("delay.duration", "must be more than 0 and at most 60s, got "
                    + duration.toMillis() + "ms"));
        }
        percentage("delay.percentage", delay.percentage(), errors);
    }

    private static void abort(Abort abort, List<ConfigError> errors) {
        Integer status = abort.status();
        if (status == null) {
            errors.add(new ConfigError("abort.status", "missing; the answer's status, such as 503"));
        } else if (status < 200 || status > 599) {
            errors.add(new ConfigError("abort.status", "must be 200 to 599, got " + status));
        } else if (status < 400 && abort.body() == null) {
            errors.add(new ConfigError("abort.body", "missing; a " + status + " answer is no problem, so give its"
                    + " body (\"\" for none)"));
        }
        if (abort.contentType() != null && abort.body() == null) {
            errors.add(new ConfigError("abort.content-type", "is used only with body"));
        }
        percentage("abort.percentage", abort.percentage(), errors);
    }

    private static void percentage(String key, double percentage, List<ConfigError> errors) {
        if (!(percentage >= 0 && percentage <= 100)) {
            boolean whole = Double.isFinite(percentage) && percentage == Math.rint(percentage);
            errors.add(new ConfigError(key, "must be 0 to 100, got "
                    + (whole ? Long.toString((long) percentage) : Double.toString(percentage))));
        }
    }

    @Override
    public Filter create(FaultInjectionConfig config, PluginContext context) {
        return new Faults(config, () -> ThreadLocalRandom.current().nextDouble(),
                context.counter("delayed", "Requests held back by an injected delay before going on."),
                context.counter("aborted", "Requests answered with an injected fault in place of the upstream."));
    }
}
