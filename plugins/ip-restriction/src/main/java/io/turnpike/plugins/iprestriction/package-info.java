/**
 * The {@code ip-restriction} plugin: 403 for clients outside an allow list or inside a deny list.
 *
 * <p>Only {@link io.turnpike.plugins.iprestriction.IpRestrictionPlugin} (found by PF4J) and its config record
 * are public.
 */
package io.turnpike.plugins.iprestriction;
