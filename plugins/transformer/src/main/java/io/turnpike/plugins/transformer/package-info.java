/**
 * The transformer plugins: {@code request-transformer} removes, renames, replaces, adds, appends and sets request
 * headers, and removes and adds query parameters, on the request's way to the upstream;
 * {@code response-transformer} does the same to the answer's headers, and edits JSON answers' fields, on their
 * way back.
 *
 * <p>Only the plugins (found by PF4J) and their config records are public; the filters and the validation are
 * package-private.
 */
package io.turnpike.plugins.transformer;
