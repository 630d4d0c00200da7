/**
 * The {@code request-termination} plugin: answers a route's requests itself, with a fixed status and body, and
 * never calls the upstream.
 *
 * <p>Only {@link io.turnpike.plugins.requesttermination.RequestTerminationPlugin} (found by PF4J) and its config
 * record are public.
 */
package io.turnpike.plugins.requesttermination;
