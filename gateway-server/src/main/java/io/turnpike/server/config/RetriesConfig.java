package io.turnpike.server.config;

import java.time.Duration;
import java.util.List;

/**
 * When a request that failed is sent again, to another target when there is one. A request is only ever
 * sent again when that is safe: see {@code docs/resilience.md}.
 *
 * @param maxRetries how many times a request may be sent again (0..10), default 1
 * @param backoff    the wait before the first retry, doubled for each further one, with jitter, default 25ms
 * @param maxBackoff the longest wait between two tries, default 1s
 * @param onTimeout  whether an idempotent request that timed out is retried, default false
 * @param onStatuses answers (500..599) after which an idempotent request is retried, default none
 */
public record RetriesConfig(Integer maxRetries, Duration backoff, Duration maxBackoff, Boolean onTimeout,
                            List<Integer> onStatuses) {

    public static final RetriesConfig DEFAULT = new RetriesConfig(null, null, null, null, null);

    public RetriesConfig {
        maxRetries = maxRetries == null ? 1 : maxRetries;
        backoff = backoff == null ? Duration.ofMillis(25) : backoff;
        maxBackoff = maxBackoff == null ? Duration.ofSeconds(1) : maxBackoff;
        onTimeout = onTimeout != null && onTimeout;
        onStatuses = onStatuses == null ? List.of() : List.copyOf(onStatuses);
    }
}
