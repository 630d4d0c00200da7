/**
 * The {@code jwt-auth} plugin: recognises a consumer by a signed JWT in {@code Authorization: Bearer}.
 * Parsing, signature checks and claims checks are nimbus-jose-jwt's; EdDSA signatures are checked with
 * the JDK's Ed25519, because nimbus's own Ed25519 verifier needs Google Tink.
 *
 * <p>Only {@link io.turnpike.plugins.jwtauth.JwtAuthPlugin} (found by PF4J) and its config and credential
 * records are public.
 */
package io.turnpike.plugins.jwtauth;
