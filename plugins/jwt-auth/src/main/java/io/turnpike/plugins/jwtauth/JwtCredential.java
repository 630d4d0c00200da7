package io.turnpike.plugins.jwtauth;

/**
 * A consumer's JWT identity, declared as {@code credentials: {jwt-auth: [{subject: alice}]}}: a token whose
 * consumer claim (by default {@code sub}) has this value is from this consumer.
 *
 * @param subject the value of the consumer claim
 */
public record JwtCredential(String subject) {
}
