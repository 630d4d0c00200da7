package io.turnpike.plugins.hmacauth;

/**
 * A consumer's username and shared secret, declared as
 * {@code credentials: {hmac-auth: [{username: billing, secret: "${BILLING_HMAC_SECRET}"}]}}.
 *
 * @param username the name the client puts in its signature's {@code username}, unique across consumers
 * @param secret   the key both sides sign with, as text (its UTF-8 bytes are the key)
 */
public record HmacCredential(String username, String secret) {

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "HmacCredential[username=" + username + ", secret=***]";
    }
}
