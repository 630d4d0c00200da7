package io.turnpike.server.plugins;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

import io.turnpike.api.AuthResult;
import io.turnpike.api.Authenticator;
import io.turnpike.api.Chain;
import io.turnpike.api.Consumer;
import io.turnpike.api.Counter;
import io.turnpike.api.Exchange;
import io.turnpike.api.Filter;
import io.turnpike.api.Headers;
import io.turnpike.api.PluginContext;
import io.turnpike.api.ProblemException;
import io.turnpike.api.Request;
import io.turnpike.api.Response;
import io.turnpike.server.config.ConsumerHeadersConfig;

/**
 * A route's authentication plugins folded into one filter: asks each in the route's order, and the first
 * that authenticates the request wins. When none does, a forbidden result answers 403, else the route's
 * anonymous consumer is used, else the answer is 401 with every plugin's challenge.
 *
 * <p>The winner's consumer is set on the exchange and named to the upstream in the consumer headers;
 * the client's own copies of those headers were already removed by the proxy, on every route.
 */
final class AuthenticationStep implements Filter {

    private static final System.Logger LOG = System.getLogger(AuthenticationStep.class.getName());
    static final String MISSING = "This route needs credentials.";
    static final String INVALID = "Invalid credentials.";
    private static final String WWW_AUTHENTICATE = "WWW-Authenticate";

    private final String routeId;
    private final List<Named> authenticators;
    private final Consumers consumers;
    private final Consumer anonymous;
    private final Headers challenges;

    /**
     * @param routeId        the route, for logs
     * @param authenticators each plugin's authenticator with its name, in the route's order
     * @param consumers      the consumers the authenticators' answers are resolved against
     * @param anonymous      the route's anonymous consumer, or null for none
     */
    AuthenticationStep(String routeId, List<Named> authenticators, Consumers consumers, Consumer anonymous) {
        this.routeId = Objects.requireNonNull(routeId, "routeId");
        this.authenticators = List.copyOf(authenticators);
        this.consumers = Objects.requireNonNull(consumers, "consumers");
        this.anonymous = anonymous;
        this.challenges = challenges(new String[authenticators.size()]);
    }

    /**
     * @param instead each authenticator's challenge for this answer, by index; null for its usual one
     * @return the 401's {@code WWW-Authenticate} fields, in the route's order
     */
    private Headers challenges(String[] instead) {
        Headers.Builder challenge = Headers.builder();
        for (int i = 0; i < authenticators.size(); i++) {
            if (instead[i] != null) {
                challenge.add(WWW_AUTHENTICATE, instead[i]);
            } else {
                authenticators.get(i).authenticator().challenge().ifPresent(value -> challenge.add(WWW_AUTHENTICATE, value));
            }
        }
        return challenge.build();
    }

    /**
     * An authenticator with the name of the plugin that made it, and the gateway's counts of its verdicts.
     *
     * @param pluginName    the plugin
     * @param authenticator its check
     * @param accepted      requests whose credential it accepted
     * @param refused       requests whose credential it refused (invalid, or forbidden)
     */
    record Named(String pluginName, Authenticator authenticator, Counter accepted, Counter refused) {

        /**
         * An authenticator counted under its plugin's name on the context's route: every authentication plugin
         * is counted alike, whether or not it counts anything itself.
         */
        static Named counted(String pluginName, Authenticator authenticator, PluginContext context) {
            return new Named(pluginName, authenticator,
                    context.counter("credentials_accepted", "Requests whose credential the plugin accepted."),
                    context.counter("credentials_refused", "Requests whose credential the plugin refused: unknown,"
                            + " wrong, expired or not allowed."));
        }
    }

    @Override
    public Response handle(Exchange exchange, Chain chain) {
        Request request = chain.request();
        boolean presented = false;
        AuthResult.Forbidden forbidden = null;
        String[] instead = null; // only when a result carries a challenge of its own: the usual 401 is precomputed
        for (int i = 0; i < authenticators.size(); i++) {
            Named each = authenticators.get(i);
            AuthResult result = authenticate(each, request, exchange);
            switch (result) {
                case AuthResult.Authenticated authenticated -> {
                    each.accepted().increment();
                    Consumer consumer = consumers.find(authenticated.consumer())
                            .filter(found -> declaresCredential(each.pluginName(), found.name()))
                            .orElseThrow(() -> new IllegalStateException("plugin '" + each.pluginName() + "' on route '"
                                    + routeId + "' authenticated a consumer it holds no credential of"));
                    return proceedAs(consumer, false, authenticated.request(), exchange, chain);
                }
                case AuthResult.Forbidden refused -> {
                    each.refused().increment();
                    presented = true;
                    forbidden = forbidden == null ? refused : forbidden;
                }
                case AuthResult.Invalid invalid -> {
                    each.refused().increment();
                    presented = true;
                    if (invalid.challenge().isPresent()) {
                        instead = instead == null ? new String[authenticators.size()] : instead;
                        instead[i] = invalid.challenge().get();
                    }
                }
                case AuthResult.NoCredential none -> {
                    // another plugin, or the anonymous consumer, may still accept the request
                }
            }
        }
        if (forbidden != null) {
            Headers challenge = forbidden.challenge().map(value -> Headers.of(WWW_AUTHENTICATE, value))
                    .orElse(Headers.empty());
            throw new ProblemException(403, "Forbidden", forbidden.detail(), challenge);
        }
        if (anonymous != null) {
            return proceedAs(anonymous, true, request, exchange, chain);
        }
        throw new ProblemException(401, "Unauthorized", presented ? INVALID : MISSING,
                instead == null ? challenges : challenges(instead));
    }

    private AuthResult authenticate(Named each, Request request, Exchange exchange) {
        AuthResult result;
        try {
            result = each.authenticator().authenticate(request, exchange);
        } catch (ProblemException problem) {
            throw problem;
        } catch (RuntimeException e) {
            // rethrown for RouteChain's 500; the wrapper names the plugin inside the step
            throw new IllegalStateException("plugin '" + each.pluginName() + "' on route '" + routeId
                    + "' failed to authenticate request " + exchange.requestId(), e);
        }
        if (result == null) {
            throw new IllegalStateException("plugin '" + each.pluginName() + "' on route '" + routeId
                    + "' returned no authentication result");
        }
        return result;
    }

    private boolean declaresCredential(String pluginName, String consumer) {
        return consumers.credentialsFor(pluginName).stream().anyMatch(c -> c.consumer().equals(consumer));
    }

    private Response proceedAs(Consumer consumer, boolean guest, Request request, Exchange exchange, Chain chain) {
        if (!(exchange instanceof ConsumerSetter setter)) {
            throw new IllegalStateException("the exchange of route '" + routeId + "' cannot hold a consumer");
        }
        setter.setConsumer(consumer, guest);
        ConsumerHeadersConfig names = consumers.headers();
        Headers.Builder headers = request.headers().toBuilder().set(names.name(), consumer.name()).remove(names.groups());
        if (!consumer.groups().isEmpty()) {
            headers.set(names.groups(), String.join(",", new TreeSet<>(consumer.groups())));
        }
        return chain.proceed(request.withHeaders(headers.build()));
    }

    /** Closes every authenticator; one that fails is logged and the others still close. */
    @Override
    public void close() {
        List<Named> reversed = new ArrayList<>(authenticators);
        Collections.reverse(reversed);
        for (Named each : reversed) {
            try {
                each.authenticator().close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, () -> "Plugin '" + each.pluginName() + "' on route '" + routeId
                        + "' failed to close its authenticator", e);
            }
        }
    }
}
