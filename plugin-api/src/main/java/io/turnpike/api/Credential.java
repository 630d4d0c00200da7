package io.turnpike.api;

import java.util.Objects;

/**
 * One credential of one consumer for one authentication method, as declared under
 * {@code consumers[i].credentials.<plugin-name>[j]} and bound to the plugin's
 * {@linkplain AuthenticationPlugin#credentialType() credential type} at load time.
 *
 * @param consumer the name of the consumer it authenticates
 * @param value    the bound credential, such as a {@code record KeyCredential(String key)}
 * @param <K>      the plugin's credential type
 */
public record Credential<K>(String consumer, K value) {

    /** Checks that no part is missing. */
    public Credential {
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(value, "value");
    }

    /** Never shows the value, which may be a secret, so a credential can be logged safely. */
    @Override
    public String toString() {
        return "Credential[consumer=" + consumer + "]";
    }
}
