package io.turnpike.plugins.faultinjection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

import io.turnpike.api.Body;
import io.turnpike.api.Headers;
import io.turnpike.api.ProblemException;
import io.turnpike.api.Request;
import io.turnpike.api.Response;
import io.turnpike.server.testkit.TestChain;
import org.junit.jupiter.api.Test;

/**
 * What each request meets, with the random draws fixed: a draw below a fault's share meets the fault, one at or
 * above it does not.
 */
class FaultsTest {

    private final AtomicLong delayed = new AtomicLong();
    private final AtomicLong aborted = new AtomicLong();

    /** The filter of a config, drawing the given numbers in turn and failing on one draw more. */
    private Faults faults(String yaml, double... draws) {
        int[] next = {0};
        DoubleSupplier random = () -> {
            if (next[0] == draws.length) {
                throw new AssertionError("drew more than the " + draws.length + " numbers expected");
            }
            return draws[next[0]++];
        };
        return new Faults(FaultInjectionPluginTest.bind(yaml), random, delayed::addAndGet, aborted::addAndGet);
    }

    private static TestChain chain(String query, String... headerNamesAndValues) {
        return TestChain.answering(new Request("GET", "/orders/7", query, Headers.of(headerNamesAndValues),
                Body.empty()), Response.of(200));
    }

    private static String text(Response response) throws Exception {
        return new String(response.body().stream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void aDrawBelowTheAbortsShareAbortsAndOneAtItGoesOn() throws Exception {
        TestChain below = chain("");
        TestChain at = chain("");

        assertThrows(ProblemException.class,
                () -> faults("{abort: {status: 503, percentage: 25}}", 0.2499).handle(null, below));
        Response passed = faults("{abort: {status: 503, percentage: 25}}", 0.25).handle(null, at);

        assertTrue(below.passedOn().isEmpty(), "the aborted request never reaches the upstream");
        assertEquals(200, passed.status());
        assertTrue(at.passedOn().isPresent());
        assertEquals(1, aborted.get());
    }

    @Test
    void atZeroPercentNoDrawMeetsTheFaultAndAtOneHundredEveryDrawDoes() throws Exception {
        assertEquals(200, faults("{abort: {status: 503, percentage: 0}}", 0.0).handle(null, chain("")).status());
        assertThrows(ProblemException.class,
                () -> faults("{abort: {status: 503}}", Math.nextDown(1.0)).handle(null, chain("")));
    }

    @Test
    void anAbortWithoutBodyIsAProblemSayingTheFaultWasInjected() {
        ProblemException problem = assertThrows(ProblemException.class,
                () -> faults("{abort: {status: 503}}", 0.5).handle(null, chain("")));

        assertEquals(503, problem.status());
        assertEquals("Service Unavailable", problem.title());
        assertEquals("This answer is a fault the gateway injected for testing; the upstream was not called.",
                problem.detail());
    }

    @Test
    void anAbortWithABodyAnswersItAsWrittenWithItsType() throws Exception {
        Response response = faults("{abort: {status: 500, content-type: application/json, body: '{\"error\": 1}'}}",
                0.5).handle(null, chain(""));

        assertEquals(500, response.status());
        assertEquals("application/json", response.headers().first("Content-Type").orElseThrow());
        assertEquals("12", response.headers().first("Content-Length").orElseThrow());
        assertEquals("{\"error\": 1}", text(response));
    }

    @Test
    void aBodyWithoutContentTypeIsPlainText() throws Exception {
        Response response = faults("{abort: {status: 200, body: injected}}", 0.5).handle(null, chain(""));

        assertEquals("text/plain; charset=utf-8", response.headers().first("Content-Type").orElseThrow());
        assertEquals("injected", text(response));
    }

    @Test
    void aDelayedRequestWaitsThenGoesOn() throws Exception {
        TestChain chain = chain("");

        Response response = faults("{delay: {duration: 1ms, percentage: 10}}", 0.05).handle(null, chain);

        assertEquals(200, response.status());
        assertTrue(chain.passedOn().isPresent());
        assertEquals(1, delayed.get());
    }

    @Test
    void aDrawAtTheDelaysShareGoesOnWithoutWaiting() throws Exception {
        faults("{delay: {duration: 60s, percentage: 10}}", 0.1).handle(null, chain(""));

        assertEquals(0, delayed.get());
    }

    @Test
    void theDelayIsDrawnFirstAndTheAbortApart() throws Exception {
        String both = "{delay: {duration: 1ms, percentage: 10}, abort: {status: 503, percentage: 5}}";

        assertEquals(200, faults(both, 0.05, 0.5).handle(null, chain("")).status());
        assertEquals(1, delayed.get());
        assertEquals(0, aborted.get());

        assertThrows(ProblemException.class, () -> faults(both, 0.5, 0.01).handle(null, chain("")));
        assertEquals(1, delayed.get());
        assertEquals(1, aborted.get());

        assertThrows(ProblemException.class, () -> faults(both, 0.05, 0.01).handle(null, chain("")));
        assertEquals(2, delayed.get());
        assertEquals(2, aborted.get());
    }

    @Test
    void aRequestWithoutTheTriggerDrawsNothingAndGoesOnUnchanged() throws Exception {
        TestChain chain = chain("page=2", "X-Other", "1");

        Response response = faults("{abort: {status: 503}, trigger: X-Fault}").handle(null, chain);

        assertEquals(200, response.status());
        assertEquals(chain.request(), chain.passedOn().orElseThrow());
        assertEquals(0, aborted.get());
    }

    @Test
    void aRequestCarryingTheTriggerAsHeaderOrQueryParameterMeetsTheFaults() {
        String config = "{abort: {status: 503}, trigger: X-Fault}";

        assertThrows(ProblemException.class, () -> faults(config, 0.5).handle(null, chain("", "x-fault", "")));
        assertThrows(ProblemException.class, () -> faults(config, 0.5).handle(null, chain("X-Fault")));
        assertEquals(2, aborted.get());
    }

    /** The gateway interrupts a request's thread only to cut it as it stops; a waiting request then goes no further. */
    @Test
    void aCutDuringTheDelayEndsTheRequestThereAndKeepsItInterrupted() {
        TestChain chain = chain("");
        Thread.currentThread().interrupt();
        boolean stillInterrupted;
        ProblemException problem;
        try {
            problem = assertThrows(ProblemException.class,
                    () -> faults("{delay: {duration: 60s}, abort: {status: 500}}", 0.5).handle(null, chain));
        } finally {
            stillInterrupted = Thread.interrupted();
        }

        assertTrue(stillInterrupted);
        assertEquals(503, problem.status());
        assertEquals("The gateway is stopping; the request was not processed.", problem.detail());
        assertTrue(chain.passedOn().isEmpty());
        assertEquals(1, delayed.get());
        assertEquals(0, aborted.get(), "the abort is not drawn");
    }
}
