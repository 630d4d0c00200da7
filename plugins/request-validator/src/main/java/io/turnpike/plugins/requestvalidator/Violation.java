package io.turnpike.plugins.requestvalidator;

/**
 * One way a request fails its schema.
 *
 * @param in      the part of the request: {@code body}, {@code query} or {@code header}
 * @param pointer where in that part, as a JSON Pointer (RFC 6901): {@code /items/0/qty}, or empty for the whole
 * @param message what is wrong, such as {@code must have a minimum value of 1}
 */
record Violation(String in, String pointer, String message) {
}
