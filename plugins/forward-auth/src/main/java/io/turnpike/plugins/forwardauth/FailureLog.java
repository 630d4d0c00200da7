package io.turnpike.plugins.forwardauth;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.LongSupplier;

import io.turnpike.plugins.support.WarningThrottle;

/**
 * Warns of failed calls to the authorization service at most once a minute, with how many failed since: a
 * service that is down fails every request, and one line per request would bury the log.
 */
final class FailureLog {

    private final String service;
    private final System.Logger logger;
    private final WarningThrottle throttle;

    /** @param service the service's URL, as the warnings name it */
    FailureLog(String service, System.Logger logger, LongSupplier nanoTime) {
        this.service = service;
        this.logger = logger;
        this.throttle = new WarningThrottle(Duration.ofMinutes(1), nanoTime);
    }

    /** Counts one failed call, and warns if a minute has passed since the last warning. */
    void failed(Verdict.Failed failure) {
        long count = throttle.failed();
        if (count == 0) {
            return;
        }
        logger.log(Level.WARNING, count + " request" + (count == 1 ? " was" : "s were") + " refused since the last"
                + " warning because the authorization service " + service + " failed; the last one was answered "
                + failure.status() + " because of: " + failure.reason());
    }
}
