/**
 * The {@code response-cache} plugin: an HTTP cache (RFC 9111, shared-cache rules) in front of a route's
 * upstream, on Caffeine, bounded in bytes, with one upstream call per concurrent miss.
 * See {@code docs/plugins/response-cache.md}.
 */
package io.turnpike.plugins.responsecache;
