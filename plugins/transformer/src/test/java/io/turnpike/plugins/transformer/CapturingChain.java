package io.turnpike.plugins.transformer;

import java.util.ArrayList;
import java.util.List;

import io.turnpike.api.Chain;
import io.turnpike.api.Request;
import io.turnpike.api.Response;

/** The rest of a chain, reduced to remembering what it was handed and answering as told (204 by default). */
final class CapturingChain implements Chain {

    static final Response ANSWER = Response.of(204);

    private final Request request;
    private final Response answer;
    private final List<Request> proceeded = new ArrayList<>();

    CapturingChain(Request request) {
        this(request, ANSWER);
    }

    /**
     * @param request the request the chain holds
     * @param answer  what the upstream answers
     */
    CapturingChain(Request request, Response answer) {
        this.request = request;
        this.answer = answer;
    }

    @Override
    public Request request() {
        return request;
    }

    @Override
    public Response proceed(Request next) {
        proceeded.add(next);
        return answer;
    }

    /** Every request passed on, in order; a well-behaved filter passes exactly one. */
    List<Request> proceeded() {
        return List.copyOf(proceeded);
    }

    /** The one request passed on. */
    Request upstream() {
        if (proceeded.size() != 1) {
            throw new AssertionError("expected proceed exactly once, was called " + proceeded.size() + " times");
        }
        return proceeded.get(0);
    }
}
