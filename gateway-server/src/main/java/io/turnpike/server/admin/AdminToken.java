package io.turnpike.server.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.turnpike.api.Headers;
import io.turnpike.api.ProblemException;
import io.turnpike.server.http.Problems;

/**
 * Asks every admin request but {@code GET /health} for {@code Authorization: Bearer <token>}. Health stays
 * open for load balancers and orchestrators, which carry no secret; everything else can reload the config or
 * purge caches.
 */
final class AdminToken implements Filter {

    private static final String CHALLENGE = "Bearer realm=\"turnpike-admin\"";

    private final byte[] expectedDigest;

    AdminToken(String token) {
        this.expectedDigest = digest(token.strip());
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (req.prologue().method().equals(Method.GET) && req.path().path().equals("/health")) {
            chain.proceed();
            return;
        }
        String presented = req.headers().first(HeaderNames.AUTHORIZATION)
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).strip())
                .orElse(null);
        // Digests of equal length, compared in constant time: neither the token's length nor its prefix leaks.
        if (presented != null && MessageDigest.isEqual(expectedDigest, digest(presented))) {
            chain.proceed();
            return;
        }
        String detail = presented == null
                ? "The admin API needs Authorization: Bearer <admin.token>."
                : "The admin token is not valid.";
        ProblemException problem = new ProblemException(401, "Unauthorized", detail,
                Headers.builder().set("WWW-Authenticate", CHALLENGE).build());
        AdminResponses.write(Problems.response(problem, AdminResponses.freshRequestId()), res);
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
