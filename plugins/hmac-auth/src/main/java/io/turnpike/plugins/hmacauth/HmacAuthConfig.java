package io.turnpike.plugins.hmacauth;

import java.time.Duration;
import java.util.List;

/**
 * A route's {@code hmac-auth} config.
 *
 * @param clockSkew           how far the request's {@code X-Date} or {@code Date} may be from the gateway's
 *                            clock, either way; default 300 s
 * @param algorithms          the algorithms a signature may use; default {@code hmac-sha256}, {@code hmac-sha384}
 *                            and {@code hmac-sha512}
 * @param enforceHeaders      what every signature must cover, beside the date; default nothing more
 * @param validateRequestBody whether a body must come with a signed {@code Digest} that matches it; default false
 * @param maxBodySize         with {@code validateRequestBody}, the largest body read to check it; default 1 MiB
 * @param hideCredentials     remove the signature's header before the request goes upstream; default true
 * @param realm               the realm of the {@code WWW-Authenticate: hmac} challenge; default {@code turnpike}
 */
public record HmacAuthConfig(Duration clockSkew, List<String> algorithms, List<String> enforceHeaders,
                             Boolean validateRequestBody, Integer maxBodySize, Boolean hideCredentials,
                             String realm) {

    /** Fills in the defaults; lists are copied as they are, nulls included, for {@link HmacAuthPlugin#validate}. */
    public HmacAuthConfig {
        clockSkew = clockSkew == null ? Duration.ofSeconds(300) : clockSkew;
        algorithms = algorithms == null ? List.of("hmac-sha256", "hmac-sha384", "hmac-sha512")
                : algorithms.stream().toList();
        enforceHeaders = enforceHeaders == null ? List.of() : enforceHeaders.stream().toList();
        validateRequestBody = validateRequestBody != null && validateRequestBody;
        maxBodySize = maxBodySize == null ? 1024 * 1024 : maxBodySize;
        hideCredentials = hideCredentials == null || hideCredentials;
        realm = realm == null ? "turnpike" : realm;
    }
}
