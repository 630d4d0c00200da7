/**
 * The {@code compression} plugin: compresses the answers of a route with gzip for clients that accept it, as
 * they stream, without buffering them.
 *
 * <p>Only {@link io.turnpike.plugins.compression.CompressionPlugin} (found by PF4J) and its config record are
 * public.
 */
package io.turnpike.plugins.compression;
