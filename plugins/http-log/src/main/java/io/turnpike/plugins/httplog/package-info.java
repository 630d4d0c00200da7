/**
 * The {@code http-log} plugin: one JSON entry per request, sent in batches to a log collector over HTTP from a
 * bounded queue, so that a slow or absent collector never slows a request down.
 *
 * <p>Only {@link io.turnpike.plugins.httplog.HttpLogPlugin} (found by PF4J) and its config record are public.
 */
package io.turnpike.plugins.httplog;
