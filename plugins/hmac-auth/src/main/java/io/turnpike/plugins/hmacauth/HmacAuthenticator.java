package io.turnpike.plugins.hmacauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.turnpike.api.AuthResult;
import io.turnpike.api.Authenticator;
import io.turnpike.api.Body;
import io.turnpike.api.Credential;
import io.turnpike.api.Exchange;
import io.turnpike.api.Headers;
import io.turnpike.api.Request;

/**
 * Checks a request's HMAC signature: the scheme's parameters, the algorithm, that the signature covers a date
 * (within the clock skew) and the enforced headers, the signature itself under the named consumer's secret,
 * and with {@code validate-request-body}, the body against its signed {@code Digest}. The body is read only
 * for a request whose signature is genuine. A request whose {@code Authorization} uses another scheme has no
 * credential of this kind, so another plugin on the route may take it.
 */
final class HmacAuthenticator implements Authenticator {

    private static final List<String> FIELDS = List.of("Authorization", "Proxy-Authorization");
    private static final String DIGEST = "digest";
    /** Signed when an unknown username is given, so that it takes as long as a known one's wrong signature. */
    private static final byte[] DECOY_SECRET = "turnpike-hmac-auth-decoy-secret".getBytes(StandardCharsets.UTF_8);

    private final Map<String, User> users = new HashMap<>();
    private final Set<HmacAlgorithm> algorithms = EnumSet.noneOf(HmacAlgorithm.class);
    private final List<String> enforced;
    private final Duration clockSkew;
    private final boolean validateBody;
    private final int maxBodySize;
    private final boolean hide;
    private final String challenge;
    private final Clock clock;

    private record User(String consumer, byte[] secret) {
    }

    HmacAuthenticator(HmacAuthConfig config, List<Credential<HmacCredential>> credentials, Clock clock) {
        for (Credential<HmacCredential> credential : credentials) {
            users.put(credential.value().username(),
                    new User(credential.consumer(), credential.value().secret().getBytes(StandardCharsets.UTF_8)));
        }
        config.algorithms().forEach(label -> algorithms.add(HmacAlgorithm.byLabel(label).orElseThrow()));
        this.enforced = config.enforceHeaders();
        this.clockSkew = config.clockSkew();
        this.validateBody = config.validateRequestBody();
        this.maxBodySize = config.maxBodySize();
        this.hide = config.hideCredentials();
        this.challenge = "hmac realm=\"" + config.realm() + "\"";
        this.clock = clock;
    }

    @Override
    public AuthResult authenticate(Request request, Exchange exchange) {
        List<String> carriers = new ArrayList<>(1);
        List<String> credentials = new ArrayList<>(1);
        for (String field : FIELDS) {
            for (String value : request.headers().all(field)) {
                if (SignatureParams.isHmac(value)) {
                    carriers.add(field);
                    credentials.add(value);
                }
            }
        }
        if (credentials.isEmpty()) {
            return AuthResult.noCredential();
        }
        if (credentials.size() > 1) {
            return AuthResult.invalid();
        }
        Optional<SignatureParams> parsed = SignatureParams.parse(credentials.getFirst());
        Optional<HmacAlgorithm> algorithm = parsed.flatMap(params -> HmacAlgorithm.byLabel(params.algorithm()));
        if (algorithm.isEmpty() || !algorithms.contains(algorithm.get())) {
            return AuthResult.invalid();
        }
        SignatureParams params = parsed.get();
        if (!params.headers().containsAll(enforced) || !dateIsCurrent(params.headers(), request.headers())) {
            return AuthResult.invalid();
        }
        Optional<String> signed = SigningString.of(params.headers(), request, exchange);
        if (signed.isEmpty()) {
            return AuthResult.invalid();
        }
        User user = users.get(params.username());
        byte[] expected = algorithm.get().sign(user == null ? DECOY_SECRET : user.secret(),
                signed.get().getBytes(StandardCharsets.UTF_8));
        if (user == null || !MessageDigest.isEqual(expected, decode(params.signature()))) {
            return AuthResult.invalid();
        }
        Request checked = request;
        if (validateBody) {
            Optional<Request> withBody = bodyChecked(request, params.headers().contains(DIGEST));
            if (withBody.isEmpty()) {
                return AuthResult.invalid();
            }
            checked = withBody.get();
        }
        if (hide) {
            checked = checked.withHeaders(checked.headers().without(carriers.getFirst()));
        }
        return AuthResult.authenticated(user.consumer(), checked);
    }

    /**
     * The date the signature covers ({@code x-date}, which browsers may set, else {@code date}) is within the
     * clock skew of now, either way: a signature with no signed date could be replayed for ever.
     */
    private boolean dateIsCurrent(List<String> signedHeaders, Headers headers) {
        String name = signedHeaders.contains("x-date") ? "x-date" : signedHeaders.contains("date") ? "date" : null;
        Optional<String> value = name == null ? Optional.empty() : headers.first(name);
        if (value.isEmpty()) {
            return false;
        }
        Instant date;
        try {
            date = ZonedDateTime.parse(value.get().strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException malformed) {
            return false;
        }
        return Duration.between(date, clock.instant()).abs().compareTo(clockSkew) <= 0;
    }

    /**
     * The request with its body read and checked against the signed {@code Digest}; a body without one must be
     * empty. Over {@code max-body-size}, the read refuses with 413.
     */
    private Optional<Request> bodyChecked(Request request, boolean digestSigned) {
        if (!digestSigned && request.body().length() == 0) {
            return Optional.of(request);
        }
        byte[] body = request.body().bytes(maxBodySize);
        Request read = request.withBody(Body.of(body));
        if (!digestSigned) {
            return body.length == 0 ? Optional.of(read) : Optional.empty();
        }
        return BodyDigest.matches(String.join(",", request.headers().all(DIGEST)), body)
                ? Optional.of(read) : Optional.empty();
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException malformed) {
            return new byte[0];
        }
    }

    @Override
    public Optional<String> challenge() {
        return Optional.of(challenge);
    }
}
