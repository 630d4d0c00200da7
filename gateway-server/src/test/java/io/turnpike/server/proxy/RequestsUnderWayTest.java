package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.helidon.http.http2.Http2ErrorCode;
import io.helidon.http.http2.Http2Exception;
import io.helidon.webserver.CloseConnectionException;

import org.junit.jupiter.api.Test;

/**
 * A stop waits for the requests under way when it began, and for no other; then holds new HTTP/2 requests back
 * until the HTTP/2 ones under way have ended, and refuses them; a cut ends every one still under way.
 */
class RequestsUnderWayTest {

    private final RequestsUnderWay underWay = new RequestsUnderWay();

    @Test
    void withNothingUnderWayTheWaitIsOverAtOnce() {
        assertTrue(underWay.awaitEnd(Duration.ZERO));
    }

    @Test
    void aRequestUnderWayIsWaitedForUntilItEnds() {
        RequestsUnderWay.Counted request = underWay.begin();

        assertFalse(underWay.awaitEnd(Duration.ofMillis(1)), "still under way");
        request.close();
        assertTrue(underWay.awaitEnd(Duration.ZERO));
    }

    @Test
    void aRequestBegunOnceTheStopBeganIsNotWaitedFor() {
        underWay.awaitEnd(Duration.ZERO);

        RequestsUnderWay.Counted late = underWay.begin();

        assertTrue(underWay.awaitEnd(Duration.ZERO));
        late.close();
    }

    @Test
    void aCutInterruptsTheThreadOfEveryRequestUnderWayWhenEverItBegan() throws Exception {
        CountDownLatch begun = new CountDownLatch(2);
        Thread before = Thread.ofVirtual().start(() -> serveUntilInterrupted(begun));
        underWay.awaitEnd(Duration.ZERO);
        Thread after = Thread.ofVirtual().start(() -> serveUntilInterrupted(begun));
        assertTrue(begun.await(10, TimeUnit.SECONDS));

        assertEquals(2, underWay.cut());
        assertTrue(before.join(Duration.ofSeconds(10)), "the request begun before the stop was cut");
        assertTrue(after.join(Duration.ofSeconds(10)), "and the one begun since");
    }

    @Test
    void holdingHttp2RequestsWaitsForThoseUnderWay() {
        RequestsUnderWay.Counted request = underWay.beginHttp2(() -> { });

        assertFalse(underWay.holdHttp2(Duration.ofMillis(1)), "still under way");
        request.close();
        assertTrue(underWay.holdHttp2(Duration.ZERO));
    }

    @Test
    void anHttp2RequestThatComesWhileTheyAreHeldIsRefusedAsNotProcessedOnceReleased() throws Exception {
        underWay.holdHttp2(Duration.ZERO);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread held = Thread.ofVirtual().start(() -> {
            try {
                underWay.beginHttp2(() -> { }).close();
            } catch (RuntimeException e) {
                outcome.set(e);
            }
        });
        assertFalse(held.join(Duration.ofMillis(200)), "held back");

        assertTrue(underWay.releaseHeld(Duration.ofSeconds(10)));

        assertTrue(held.join(Duration.ofSeconds(10)));
        CloseConnectionException refusal = assertInstanceOf(CloseConnectionException.class, outcome.get());
        assertEquals(Http2ErrorCode.REFUSED_STREAM, assertInstanceOf(Http2Exception.class, refusal.getCause()).code());
        assertEquals(1, underWay.refused());
    }

    @Test
    void anHttp2RequestIsHeldForASecondAtMost() throws Exception {
        underWay.holdHttp2(Duration.ZERO);
        Thread held = Thread.ofVirtual().start(() -> {
            try {
                underWay.beginHttp2(() -> { }).close();
            } catch (CloseConnectionException refused) {
                // refused: the outcome expected
            }
        });

        assertTrue(held.join(Duration.ofSeconds(10)), "refused without a release");
    }

    @Test
    void aRefusedRequestStillReadingItsBodyWhenTheListenerStopsIsInterrupted() throws Exception {
        underWay.holdHttp2(Duration.ZERO);
        CountDownLatch reading = new CountDownLatch(1);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        AtomicReference<Boolean> interrupted = new AtomicReference<>();
        Thread held = Thread.ofVirtual().start(() -> {
            try {
                underWay.beginHttp2(() -> {
                    reading.countDown();
                    awaitForever();
                }).close();
            } catch (RuntimeException e) {
                outcome.set(e);
                // so that Helidon's own read of the rest of the body ends at once too
                interrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        underWay.releaseHeld(Duration.ZERO);
        assertTrue(reading.await(10, TimeUnit.SECONDS), "the body being read");

        underWay.listenerStopping();

        assertTrue(held.join(Duration.ofSeconds(10)));
        assertInstanceOf(CloseConnectionException.class, outcome.get());
        assertEquals(true, interrupted.get());
    }

    /** A body whose rest never comes, as when Helidon's stop reads no more; an interrupt ends the wait. */
    private static void awaitForever() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Test
    void anHttp11RequestIsNeverHeld() {
        underWay.holdHttp2(Duration.ZERO);

        underWay.begin().close();
    }

    @Test
    void onceACutIsMadeNewRequestsAreRefused() {
        underWay.awaitEnd(Duration.ZERO);
        assertFalse(underWay.refusing(), "the drain serves on");

        underWay.cut();

        assertTrue(underWay.refusing());
    }

    @Test
    void aHurriedStopWaitsNoMoreEvenForARequestThatIgnoresTheCut() throws Exception {
        CountDownLatch begun = new CountDownLatch(1);
        CountDownLatch end = new CountDownLatch(1);
        Thread stubborn = Thread.ofVirtual().start(() -> {
            try (RequestsUnderWay.Counted request = underWay.begin()) {
                begun.countDown();
                awaitIgnoringInterrupts(end);
            }
        });
        assertTrue(begun.await(10, TimeUnit.SECONDS));
        Thread waiting = Thread.ofVirtual().start(() -> underWay.awaitEnd(Duration.ofMinutes(1)));

        assertEquals(1, underWay.hurry());

        assertTrue(waiting.join(Duration.ofSeconds(10)), "the wait ended");
        end.countDown();
        assertTrue(stubborn.join(Duration.ofSeconds(10)));
    }

    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException ignored) {
                // this request does not let itself be cut
            }
        }
    }

    @Test
    void aRequestThatEndedIsNotCut() {
        underWay.begin().close();

        assertEquals(0, underWay.cut());
        assertFalse(Thread.currentThread().isInterrupted());
    }

    private void serveUntilInterrupted(CountDownLatch begun) {
        try (RequestsUnderWay.Counted request = underWay.begin()) {
            begun.countDown();
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            // cut: the request ends
        }
    }
}
