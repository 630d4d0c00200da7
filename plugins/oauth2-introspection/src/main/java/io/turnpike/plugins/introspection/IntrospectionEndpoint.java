package io.turnpike.plugins.introspection;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLContext;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import io.turnpike.plugins.support.ServiceClient;
import io.turnpike.plugins.support.ServiceFailure;

/**
 * The authorization server's introspection endpoint (RFC 7662). Nimbus's OAuth 2.0 SDK writes the request, with
 * the gateway's client credentials as HTTP Basic (RFC 6749, 2.3.1), and reads the answer; {@link ServiceClient}
 * sends it, bounded in time, size and number.
 */
final class IntrospectionEndpoint implements AutoCloseable {

    /** An introspection answer is a small JSON object; anything larger fails the call rather than the heap. */
    static final int MAX_ANSWER_BYTES = 64 * 1024;

    private final URI url;
    private final ClientAuthentication client;
    private final Map<String, List<String>> hint;
    private final ServiceClient calls;
    private final System.Logger logger;
    /** Whether the last call failed: the log says when the endpoint fails and when it answers again, not each time. */
    private final AtomicBoolean failing = new AtomicBoolean();

    /**
     * @param client the gateway's credentials at the endpoint, or null to send none
     * @param ssl    the TLS an {@code https://} endpoint is trusted by, or null for the JVM's default
     * @param logger where the endpoint's failures and recoveries are told
     */
    IntrospectionEndpoint(URI url, ClientAuthentication client, String tokenTypeHint, Duration timeout,
                          int maxConcurrent, SSLContext ssl, System.Logger logger) {
        this.logger = logger;
        this.url = url;
        this.client = client;
        this.hint = Map.of("token_type_hint", List.of(tokenTypeHint));
        this.calls = new ServiceClient(timeout, maxConcurrent, MAX_ANSWER_BYTES, ssl);
    }

    /**
     * Asks the endpoint about one token, waiting at most the timeout in all.
     *
     * @param token the access token as the client sent it
     * @return the answer; {@link Introspection#INACTIVE} for a token the server does not vouch for
     * @throws EndpointFailure when the endpoint gives no usable answer in time
     */
    Introspection introspect(String token) throws EndpointFailure {
        try {
            Introspection answer = ask(token);
            if (failing.compareAndSet(true, false)) {
                logger.log(System.Logger.Level.INFO, () -> "the introspection endpoint " + url + " answers again");
            }
            return answer;
        } catch (EndpointFailure failure) {
            if (failing.compareAndSet(false, true)) {
                logger.log(System.Logger.Level.WARNING, () -> "the introspection endpoint " + url + " failed ("
                        + failure.getMessage() + "); requests with tokens it was not asked about yet are answered "
                        + failure.status() + " until it answers again");
            }
            throw failure;
        }
    }

    private Introspection ask(String token) throws EndpointFailure {
        HTTPRequest question = (client == null
                ? new TokenIntrospectionRequest(url, new BearerAccessToken(token), hint)
                : new TokenIntrospectionRequest(url, client, new BearerAccessToken(token), hint)).toHTTPRequest();
        HttpRequest.Builder request = HttpRequest.newBuilder(question.getURI())
                .POST(HttpRequest.BodyPublishers.ofString(question.getBody(), StandardCharsets.UTF_8));
        question.getHeaderMap().forEach((name, values) -> values.forEach(value -> request.header(name, value)));
        HttpResponse<byte[]> answer;
        try {
            answer = calls.send(request);
        } catch (ServiceFailure failure) {
            throw new EndpointFailure(failure.kind() == ServiceFailure.Kind.TIMED_OUT ? 504 : 503, failure.getMessage());
        }
        HTTPResponse read = new HTTPResponse(answer.statusCode());
        answer.headers().firstValue("Content-Type").ifPresent(type -> read.setHeader("Content-Type", type));
        read.setBody(new String(answer.body(), StandardCharsets.UTF_8));
        return introspection(read);
    }

    private static Introspection introspection(HTTPResponse answer) throws EndpointFailure {
        if (answer.getStatusCode() != 200) {
            throw new EndpointFailure(503, "it answered " + answer.getStatusCode());
        }
        TokenIntrospectionSuccessResponse success;
        try {
            success = TokenIntrospectionResponse.parse(answer).toSuccessResponse();
        } catch (ParseException notAnAnswer) {
            throw new EndpointFailure(503, "its answer is no introspection answer: " + notAnAnswer.getMessage());
        }
        if (!success.isActive()) {
            return Introspection.INACTIVE;
        }
        Set<String> scopes = success.getScope() == null ? Set.of() : Set.copyOf(success.getScope().toStringList());
        List<String> audience = success.getAudience() == null ? List.of()
                : success.getAudience().stream().map(Audience::getValue).toList();
        return new Introspection(true, Collections.unmodifiableMap(new HashMap<>(success.getParameters())), scopes,
                audience, success.getIssuer() == null ? null : success.getIssuer().getValue(),
                success.getExpirationTime() == null ? null : success.getExpirationTime().toInstant());
    }

    /** Gives up the calls in flight, as the route's old config goes. */
    @Override
    public void close() {
        calls.close();
    }
}
