package io.turnpike.server.proxy;

import io.turnpike.api.Response;

/**
 * One try of a request: its answer, whether trying again is allowed and useful, and how to drop the
 * answer when it is tried again.
 *
 * @param response  the answer, from the upstream or a problem the gateway made
 * @param retryable whether another try may follow
 * @param discard   releases the answer when another try replaces it
 */
record Attempt(Response response, boolean retryable, Runnable discard) {

    /** An answer that is final. */
    static Attempt done(Response response) {
        return new Attempt(response, false, () -> { });
    }
}
