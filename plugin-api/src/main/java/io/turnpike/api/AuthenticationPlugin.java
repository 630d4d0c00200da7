package io.turnpike.api;

import java.util.List;

/**
 * A plugin that establishes who the caller is: key-auth, basic-auth, jwt-auth and the like.
 *
 * <p>Unlike other plugins it makes no {@link Filter}. The gateway gathers every authentication plugin
 * of a route into one step at {@link Phase#AUTHENTICATION}, asks each {@link Authenticator} in the route's
 * list order, and lets the first that authenticates the request win. Only the gateway sets the consumer
 * on the {@link Exchange}, from the name an authenticator returns, so no plugin can make up a consumer.
 *
 * <p>Consumers declare their credentials in the gateway config, under the plugin's name:
 * <pre>{@code
 * consumers:
 *   - name: alice
 *     groups: [gold]
 *     credentials:
 *       key-auth: [{key: "${ALICE_KEY}"}]
 * }</pre>
 * Each entry is bound to {@link #credentialType()} at load time, checked with {@link #validateCredential},
 * and handed to {@link #authenticator} with the name of its consumer.
 *
 * @param <C> the route config type
 * @param <K> the credential type, usually a record such as {@code record KeyCredential(String key)}
 */
public interface AuthenticationPlugin<C, K> extends GatewayPlugin<C> {

    /**
     * The type each entry under {@code consumers[i].credentials.<name>} is bound to; kebab-case keys,
     * unknown keys refused.
     *
     * @return the credential class
     */
    Class<K> credentialType();

    /**
     * Checks one bound credential beyond its types. Keys are relative to the entry, as in
     * {@link ConfigError}; never quote the credential's value in a message.
     *
     * @param credential the bound credential
     * @return every problem found, empty when it is valid
     */
    default List<ConfigError> validateCredential(K credential) {
        return List.of();
    }

    /**
     * What must be unique among all consumers' credentials of this method, so that one credential never
     * names two consumers: the key of key-auth, the username of basic-auth. Two equal identities are a
     * config error. The gateway never shows the identity.
     *
     * @param credential the bound, valid credential
     * @return the identity; the default is the credential itself
     */
    default Object credentialIdentity(K credential) {
        return credential;
    }

    /**
     * Makes the check for one route.
     *
     * @param config      the route's validated config
     * @param credentials every consumer's valid credentials of this method, in config order
     * @param context     what the gateway offers the route's plugin
     * @return the authenticator, closed when the configuration is replaced or the gateway stops
     */
    Authenticator authenticator(C config, List<Credential<K>> credentials, PluginContext context);

    /**
     * Always {@link Phase#AUTHENTICATION}: the gateway runs authentication as one step there.
     *
     * @return {@link Phase#AUTHENTICATION}
     */
    @Override
    default Phase phase() {
        return Phase.AUTHENTICATION;
    }

    /**
     * Not used: the gateway calls {@link #authenticator} instead.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    default Filter create(C config, PluginContext context) {
        throw new UnsupportedOperationException("plugin '" + name() + "' authenticates: the gateway calls "
                + "authenticator(config, credentials, context) and runs it in the route's authentication step");
    }
}
