/**
 * The {@code oauth2-introspection} plugin: a consumer recognised by an OAuth 2.0 access token that the
 * authorization server vouches for at its introspection endpoint (RFC 7662).
 *
 * <p>Only {@link io.turnpike.plugins.introspection.IntrospectionPlugin} (found by PF4J) and its config and
 * credential records are public.
 */
package io.turnpike.plugins.introspection;
