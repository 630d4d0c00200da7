package io.turnpike.plugins.forwardauth;

import io.turnpike.api.Headers;

/** What the authorization service said of one request. */
sealed interface Verdict {

    /**
     * A 2xx: the request goes on.
     *
     * @param headers the answer's header fields
     */
    record Allowed(Headers headers) implements Verdict {
    }

    /**
     * Any other answer the service gave: it goes back to the client.
     *
     * @param status  the service's status
     * @param headers its header fields, without those that frame its body
     * @param body    its body, whole
     */
    record Refused(int status, Headers headers, byte[] body) implements Verdict {
    }

    /**
     * No answer to pass on: the service was unreachable, too slow, failing, or answered too much.
     *
     * @param status the gateway's answer to the client: 502, 503 or 504
     * @param detail the sentence for the client
     * @param reason what went wrong, for the log only
     */
    record Failed(int status, String detail, String reason) implements Verdict {
    }
}
