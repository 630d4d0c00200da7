package io.turnpike.plugins.introspection;

/**
 * One entry under a consumer's {@code credentials.oauth2-introspection}.
 *
 * @param subject the value of the route's consumer claim ({@code sub} unless configured) that names this consumer
 */
public record IntrospectionCredential(String subject) {
}
