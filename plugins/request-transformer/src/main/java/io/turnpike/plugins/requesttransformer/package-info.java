/**
 * The {@code request-transformer} plugin: removes, renames, replaces, adds, appends and sets request headers,
 * and removes and adds query parameters, on the request's way to the upstream.
 *
 * <p>Only {@link io.turnpike.plugins.requesttransformer.RequestTransformerPlugin} (found by PF4J) and its
 * config record are public; the filter and the validation are package-private.
 */
package io.turnpike.plugins.requesttransformer;
