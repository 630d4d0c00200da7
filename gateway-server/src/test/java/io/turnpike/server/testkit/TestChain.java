package io.turnpike.server.testkit;

import java.util.Optional;
import java.util.function.Function;

import io.turnpike.api.Chain;
import io.turnpike.api.Request;
import io.turnpike.api.Response;

/** A chain for testing one filter: it holds a request, and answers what it is passed on with a function. */
public final class TestChain implements Chain {

    private final Request request;
    private final Function<Request, Response> answer;
    private Request passedOn;

    private TestChain(Request request, Function<Request, Response> answer) {
        this.request = request;
        this.answer = answer;
    }

    /**
     * @param request the request the filter finds
     * @param answer  what the rest of the chain answers, whatever it is passed
     * @return the chain
     */
    public static TestChain answering(Request request, Response answer) {
        return new TestChain(request, passed -> answer);
    }

    @Override
    public Request request() {
        return request;
    }

    @Override
    public Response proceed(Request next) {
        passedOn = next;
        return answer.apply(next);
    }

    /** @return the request the filter passed on, if it did */
    public Optional<Request> passedOn() {
        return Optional.ofNullable(passedOn);
    }
}
