package io.turnpike.server.routing;

import java.util.Objects;

/**
 * A request path in the one form that both the router and the upstream see.
 *
 * @param path                the normalised path: starts with {@code /}, no empty, {@code .} or {@code ..}
 *                            segment, only unreserved characters decoded, every other escape upper-case
 * @param hasEncodedSeparator whether the path holds {@code %2F}, {@code %5C} or {@code %00}; the caller
 *                            answers 400 unless the matched route accepts encoded slashes
 */
public record NormalizedPath(String path, boolean hasEncodedSeparator) {

    /** Checks that the path is present. */
    public NormalizedPath {
        Objects.requireNonNull(path, "path");
    }
}
