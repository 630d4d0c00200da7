package io.turnpike.plugins.keyauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

import io.turnpike.api.AuthResult;
import io.turnpike.api.Authenticator;
import io.turnpike.api.Credential;
import io.turnpike.api.Exchange;
import io.turnpike.api.Request;

/**
 * Finds the consumer whose key a request carries. Keys are held as SHA-256 digests and every digest is
 * compared with {@link MessageDigest#isEqual} on every request, so the time taken depends neither on
 * how much of a key matched, nor on its length, nor on which consumer it belongs to.
 */
final class KeyAuthenticator implements Authenticator {

    private final String header;
    private final String queryParam;
    private final boolean hide;
    private final String challenge;
    private final byte[][] digests;
    private final String[] consumers;

    KeyAuthenticator(KeyAuthConfig config, List<Credential<KeyCredential>> credentials) {
        this.header = config.header();
        this.queryParam = config.queryParam();
        this.hide = config.hideCredentials();
        this.challenge = "Key realm=\"" + config.realm() + "\"";
        this.digests = credentials.stream().map(c -> sha256(c.value().key())).toArray(byte[][]::new);
        this.consumers = credentials.stream().map(Credential::consumer).toArray(String[]::new);
    }

    @Override
    public AuthResult authenticate(Request request, Exchange exchange) {
        List<String> values = request.headers().all(header);
        String key;
        if (values.size() > 1) {
            return AuthResult.invalid(); // two keys: which one counts is ambiguous, so neither does
        } else if (values.size() == 1) {
            key = values.getFirst();
        } else if (queryParam != null) {
            Optional<String> fromQuery = request.queryParam(queryParam);
            if (fromQuery.isEmpty()) {
                return AuthResult.noCredential();
            }
            key = fromQuery.get();
        } else {
            return AuthResult.noCredential();
        }
        if (key.isEmpty()) {
            return AuthResult.invalid();
        }
        byte[] presented = sha256(key);
        int match = -1;
        for (int i = 0; i < digests.length; i++) {
            // no early exit: every request compares against every key
            if (MessageDigest.isEqual(digests[i], presented)) {
                match = i;
            }
        }
        if (match < 0) {
            return AuthResult.invalid();
        }
        return AuthResult.authenticated(consumers[match], hide ? withoutKey(request) : request);
    }

    private Request withoutKey(Request request) {
        Request without = request.withHeaders(request.headers().without(header));
        // only when present: removing rebuilds the query, which should otherwise reach the upstream byte for byte
        return queryParam == null || request.queryParam(queryParam).isEmpty() ? without : without.withoutQueryParam(queryParam);
    }

    @Override
    public Optional<String> challenge() {
        return Optional.of(challenge);
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
