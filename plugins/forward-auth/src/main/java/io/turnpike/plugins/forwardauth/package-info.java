/**
 * The {@code forward-auth} plugin: each request of a route is first put to an authorization service of the
 * operator's own, whose answer lets it through or goes back to the client.
 *
 * <p>Only {@link io.turnpike.plugins.forwardauth.ForwardAuthPlugin} (found by PF4J) and its config records are
 * public.
 */
package io.turnpike.plugins.forwardauth;
