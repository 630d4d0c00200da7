/**
 * The {@code request-size-limit} plugin: refuses request bodies larger than a route allows with 413, without
 * buffering them.
 *
 * <p>Only {@link io.turnpike.plugins.requestsizelimit.RequestSizeLimitPlugin} (found by PF4J) and its config
 * record are public.
 */
package io.turnpike.plugins.requestsizelimit;
