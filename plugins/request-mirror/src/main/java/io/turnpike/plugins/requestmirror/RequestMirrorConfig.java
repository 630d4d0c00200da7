package io.turnpike.plugins.requestmirror;

import java.time.Duration;

/**
 * A route's {@code request-mirror} config.
 *
 * @param url           the mirror's base URL, {@code http://} or {@code https://}, with an optional base path;
 *                      each copy goes to it plus the request's path and query
 * @param sampleRatio   the share of requests copied, 0 to 1, default 1
 * @param timeout       how long a copy may take, connecting included, before it is given up, default 5s
 * @param maxBodySize   requests with a larger body are not copied (and reach the upstream whole), default 65536
 * @param maxConcurrent copies in flight at once; past it, a request is not copied, default 100
 */
public record RequestMirrorConfig(String url, Double sampleRatio, Duration timeout, Long maxBodySize,
                                  Integer maxConcurrent) {

    /** Applies the defaults. */
    public RequestMirrorConfig {
        sampleRatio = sampleRatio == null ? 1.0 : sampleRatio;
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        maxBodySize = maxBodySize == null ? 65_536L : maxBodySize;
        maxConcurrent = maxConcurrent == null ? 100 : maxConcurrent;
    }
}
