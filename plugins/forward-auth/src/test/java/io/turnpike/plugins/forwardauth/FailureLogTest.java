package io.turnpike.plugins.forwardauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.turnpike.server.testkit.CapturedWarnings;
import org.junit.jupiter.api.Test;

class FailureLogTest {

    private static final Verdict.Failed DOWN = new Verdict.Failed(503, AuthService.UNAVAILABLE, "it answered 500");

    @Test
    void warnsAtOnceThenAtMostOnceAMinuteWithHowManyFailedSince() {
        AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(5));
        try (CapturedWarnings warnings = CapturedWarnings.of("forward-auth-test")) {
            FailureLog log = new FailureLog("http://auth/verify", System.getLogger("forward-auth-test"), now::get);

            log.failed(DOWN);
            for (int i = 0; i < 4; i++) {
                now.addAndGet(TimeUnit.SECONDS.toNanos(10));
                log.failed(DOWN);
            }
            now.addAndGet(TimeUnit.SECONDS.toNanos(20));
            log.failed(DOWN);

            assertEquals(2, warnings.messages().size(), warnings.messages().toString());
            assertEquals("1 request was refused since the last warning because the authorization service"
                    + " http://auth/verify failed; the last one was answered 503 because of: it answered 500",
                    warnings.messages().get(0));
            assertEquals("5 requests were refused since the last warning because the authorization service"
                    + " http://auth/verify failed; the last one was answered 503 because of: it answered 500",
                    warnings.messages().get(1));
        }
    }
}
