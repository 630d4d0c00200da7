/**
 * The {@code basic-auth} plugin: recognises a consumer by HTTP Basic credentials (RFC 7617), checked against
 * passwords stored in plain text, as bcrypt hashes or as PBKDF2 hashes.
 *
 * <p>Only {@link io.turnpike.plugins.basicauth.BasicAuthPlugin} (found by PF4J) and its config and credential
 * records are public.
 */
package io.turnpike.plugins.basicauth;
