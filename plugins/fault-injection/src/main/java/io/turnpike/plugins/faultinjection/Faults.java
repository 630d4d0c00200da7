package io.turnpike.plugins.faultinjection;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.DoubleSupplier;

import io.turnpike.api.Body;
import io.turnpike.api.Chain;
import io.turnpike.api.Counter;
import io.turnpike.api.Exchange;
import io.turnpike.api.Filter;
import io.turnpike.api.Headers;
import io.turnpike.api.ProblemException;
import io.turnpike.api.Request;
import io.turnpike.api.Response;

/**
 * Delays, then aborts, each request as the config's percentages draw, unless a {@code trigger} is set and the
 * request does not carry it. The two are drawn apart, the delay first: a request may be delayed, aborted, both
 * or neither. An aborted request's body is never read: the answer goes out once any delay is over, and the
 * gateway discards what the client was still sending.
 */
final class Faults implements Filter {

    /** What a client is told when the abort gives no body: whoever reads it learns that no service failed. */
    static final String INJECTED = "This answer is a fault the gateway injected for testing; the upstream was not"
            + " called.";
    /** What a request cut during its delay is told, if its connection still takes an answer. */
    static final String STOPPING = "The gateway is stopping; the request was not processed.";

    private final String trigger;
    private final Duration delay;
    private final double delayShare;
    private final boolean aborts;
    private final int status;
    private final double abortShare;
    private final Headers headers;
    private final byte[] body;
    private final DoubleSupplier random;
    private final Counter delayed;
    private final Counter aborted;

    /**
     * @param config  a validated config
     * @param random  a number in [0, 1) per draw: one for the delay, then one for the abort, each only when
     *                configured
     * @param delayed counts the requests delayed
     * @param aborted counts the requests aborted
     */
    Faults(FaultInjectionConfig config, DoubleSupplier random, Counter delayed, Counter aborted) {
        this.trigger = config.trigger();
        Delay wait = config.delay();
        this.delay = wait == null ? null : wait.duration();
        this.delayShare = wait == null ? 0 : wait.percentage() / 100;
        Abort abort = config.abort();
        this.aborts = abort != null;
        this.status = abort == null ? 0 : abort.status();
        this.abortShare = abort == null ? 0 : abort.percentage() / 100;
        this.body = abort == null || abort.body() == null ? null : abort.body().getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            String type = abort.contentType() == null ? "text/plain; charset=utf-8" : abort.contentType();
            this.headers = Headers.of("Content-Type", type, "Content-Length", Integer.toString(body.length));
        } else {
            this.headers = Headers.empty();
        }
        this.random = random;
        this.delayed = delayed;
        this.aborted = aborted;
    }

    @Override
    public Response handle(Exchange exchange, Chain chain) {
        Request request = chain.request();
        if (trigger != null && !request.headers().contains(trigger) && request.queryParam(trigger).isEmpty()) {
            return chain.proceed();
        }
        if (delay != null && drawn(delayShare)) {
            delayed.increment();
            sleep();
        }
        if (aborts && drawn(abortShare)) {
            aborted.increment();
            if (body == null) {
                throw new ProblemException(status, INJECTED);
            }
            return new Response(status, headers, Body.of(body));
        }
        return chain.proceed();
    }

    /** A share of 0 draws nothing below it, and a share of 1 everything, as draws are in [0, 1). */
    private boolean drawn(double share) {
        return random.getAsDouble() < share;
    }

    /**
     * Waits on the request's own thread. The gateway interrupts it only to cut the request as it stops: the request
     * then ends here, restored as interrupted, instead of reaching the upstream once the wait is over.
     */
    private void sleep() {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            throw new ProblemException(503, STOPPING);
        }
    }
}
