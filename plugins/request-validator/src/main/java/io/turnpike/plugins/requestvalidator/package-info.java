/**
 * The {@code request-validator} plugin: refuses requests whose JSON body, query parameters or headers do not match
 * the route's JSON Schemas, with 400 and what is wrong, before the upstream sees them.
 *
 * <p>Only {@link io.turnpike.plugins.requestvalidator.RequestValidatorPlugin} (found by PF4J) and its config record
 * are public.
 */
package io.turnpike.plugins.requestvalidator;
