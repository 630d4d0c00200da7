package io.turnpike.plugins.keyauth;

/**
 * A consumer's API key, declared as {@code credentials: {key-auth: [{key: "${ALICE_KEY}"}]}}.
 *
 * @param key the key; take it from an environment variable rather than writing it in the file
 */
public record KeyCredential(String key) {

    /** Never shows the key. */
    @Override
    public String toString() {
        return "KeyCredential[key=***]";
    }
}
