/**
 * What several bundled plugins need beyond the plugin API: bounded calls to services of the operator's own.
 * Shaded into each plugin that uses it.
 */
package io.turnpike.plugins.support;
