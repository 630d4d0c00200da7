package io.turnpike.plugins.transformer;

/**
 * The {@code rewrite-path} block of {@code request-transformer}: the path the upstream gets, made from the one
 * the route matched with a regular expression and a replacement.
 *
 * @param pattern     a Java regular expression over the whole path, starting with {@code ^}
 * @param replacement the new path, starting with {@code /}, in which {@code $1} or {@code ${name}} is what a
 *                    group of the pattern matched
 */
public record PathRewrite(String pattern, String replacement) {
}
