/**
 * The {@code acl} plugin: lets an authenticated consumer through, or not, by its name and groups.
 *
 * <p>Only {@link io.turnpike.plugins.acl.AclPlugin} (found by PF4J) and its config record are public.
 */
package io.turnpike.plugins.acl;
