/**
 * The {@code hmac-auth} plugin: recognises a consumer by an HMAC signature, made with the consumer's shared
 * secret over a list of the request's headers, its target and, on request, its body's digest; in the format
 * of Kong's plugin of the same name.
 *
 * <p>Only {@link io.turnpike.plugins.hmacauth.HmacAuthPlugin} (found by PF4J) and its config and credential
 * records are public.
 */
package io.turnpike.plugins.hmacauth;
