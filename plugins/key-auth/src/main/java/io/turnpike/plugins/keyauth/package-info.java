/**
 * The {@code key-auth} plugin: recognises a consumer by an API key sent in a header or a query parameter.
 *
 * <p>Only {@link io.turnpike.plugins.keyauth.KeyAuthPlugin} (found by PF4J) and its config and credential
 * records are public; the authenticator is package-private.
 */
package io.turnpike.plugins.keyauth;
