package io.turnpike.plugins.transformer;

import java.util.ArrayList;
import java.util.List;

import io.turnpike.api.Chain;
import io.turnpike.api.Request;
import io.turnpike.api.Response;

/** The rest of a chain, reduced to remembering what it was handed and answering 204. */
final class CapturingChain implements Chain {

    static final Response ANSWER = Response.of(204);

    private final Request request;
    private final List<Request> proceeded = new ArrayList<>();

    CapturingChain(Request request) {
        this.request = request;
    }

    @Override
    public Request request() {
        return request;
    }

    @Override
    public Response proceed(Request next) {
        proceeded.add(next);
        return ANSWER;
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
