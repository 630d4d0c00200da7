/**
 * The {@code request-mirror} plugin: a copy of each request of a route, sent in the background to another
 * service whose answers nobody sees.
 *
 * <p>Only {@link io.turnpike.plugins.requestmirror.RequestMirrorPlugin} (found by PF4J) and its config record are
 * public.
 */
package io.turnpike.plugins.requestmirror;
