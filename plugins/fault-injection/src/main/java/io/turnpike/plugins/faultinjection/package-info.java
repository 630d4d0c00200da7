/**
 * The {@code fault-injection} plugin: delays a share of a route's requests, and answers a share with a fixed
 * error in place of the upstream's, for chaos testing.
 *
 * <p>Only {@link io.turnpike.plugins.faultinjection.FaultInjectionPlugin} (found by PF4J) and its config records
 * are public.
 */
package io.turnpike.plugins.faultinjection;
