package io.turnpike.plugins.introspection;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.turnpike.api.AuthResult;
import io.turnpike.api.Authenticator;
import io.turnpike.api.Counter;
import io.turnpike.api.Credential;
import io.turnpike.api.Exchange;
import io.turnpike.api.ProblemException;
import io.turnpike.api.Request;
import io.turnpike.plugins.support.BearerTokens;
import io.turnpike.plugins.support.ClaimHeaders;

/**
 * Checks {@code Authorization: Bearer <token>} by asking the authorization server (through {@link TokenCache}):
 * the token must be active and unexpired, of the route's issuer and audience, name a consumer, and carry the
 * route's scopes. When the server cannot be asked, the request is answered 503 or 504: neither let through nor
 * told that its token is invalid.
 *
 * <p>Why a token failed goes to the debug log with the request id, never to the client and never with the token.
 */
final class IntrospectionAuthenticator implements Authenticator {

    /** Bearer tokens of every common server fit; a longer header is refused before anyone is asked. */
    static final int MAX_TOKEN_LENGTH = 8192;

    private final TokenCache tokens;
    private final IntrospectionConfig config;
    private final Set<String> scopes;
    private final String insufficientScope;
    private final Map<String, String> consumerBySubject = new HashMap<>();
    private final Clock clock;
    private final System.Logger logger;
    private final Counter endpointFailures;

    /** @param endpointFailures counts the requests answered 503 or 504 because the endpoint failed */
    IntrospectionAuthenticator(IntrospectionConfig config, TokenCache tokens,
                               List<Credential<IntrospectionCredential>> credentials, Clock clock, System.Logger logger,
                               Counter endpointFailures) {
        this.tokens = tokens;
        this.config = config;
        this.scopes = Set.copyOf(config.scopes());
        this.insufficientScope = BearerTokens.insufficientScope(config.scopes());
        this.clock = clock;
        this.logger = logger;
        this.endpointFailures = endpointFailures;
        credentials.forEach(c -> consumerBySubject.put(c.value().subject(), c.consumer()));
    }

    @Override
    public AuthResult authenticate(Request request, Exchange exchange) {
        List<String> bearer = BearerTokens.in(request.headers());
        if (bearer.isEmpty()) {
            return AuthResult.noCredential();
        }
        String requestId = exchange.requestId();
        String token = bearer.getFirst();
        if (bearer.size() > 1 || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return refused(requestId, "not one bearer token of 1 to " + MAX_TOKEN_LENGTH + " characters");
        }
        Introspection answer = introspected(token, requestId);
        if (!answer.active()) {
            return refused(requestId, "the server says the token is not active");
        }
        if (answer.expiredAt(clock.instant())) {
            return refused(requestId, "the token expired since the server was asked");
        }
        if (config.issuer() != null && !config.issuer().equals(answer.issuer())) {
            return refused(requestId, "another issuer: " + answer.issuer());
        }
        if (config.audience() != null && !answer.audience().contains(config.audience())) {
            return refused(requestId, "not for audience " + config.audience());
        }
        Object subject = answer.claims().get(config.consumerClaim());
        String consumer = subject instanceof String text ? consumerBySubject.get(text) : null;
        if (consumer == null) {
            return refused(requestId, "member " + config.consumerClaim() + " names no consumer");
        }
        if (!answer.scopes().containsAll(scopes)) {
            return AuthResult.forbidden(BearerTokens.MISSING_SCOPE, insufficientScope);
        }
        return AuthResult.authenticated(consumer, ClaimHeaders.forwarded(request, config.hideCredentials(),
                config.forwardClaims(), answer.claims()::get));
    }

    private Introspection introspected(String token, String requestId) {
        try {
            return tokens.introspect(token);
        } catch (EndpointFailure failure) {
            endpointFailures.increment();
            logger.log(Level.DEBUG, () -> "request " + requestId + ": introspection failed: " + failure.getMessage());
            throw new ProblemException(failure.status(), failure.detail());
        }
    }

    private AuthResult refused(String requestId, String why) {
        logger.log(Level.DEBUG, () -> "request " + requestId + ": bearer token refused: " + why);
        return AuthResult.invalid(BearerTokens.INVALID_TOKEN);
    }

    @Override
    public Optional<String> challenge() {
        return Optional.of(BearerTokens.CHALLENGE);
    }

    @Override
    public void close() {
        tokens.close();
    }
}
