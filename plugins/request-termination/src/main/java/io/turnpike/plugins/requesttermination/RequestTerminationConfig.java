package io.turnpike.plugins.requesttermination;

import java.util.Map;

/**
 * A route's {@code request-termination} config: the answer every request (or every request carrying
 * {@code trigger}) gets in place of the upstream's.
 *
 * @param status      the answer's status, 200 to 599; default 503
 * @param message     for a status of 400 to 599 without {@code body}: the {@code detail} of the
 *                    {@code application/problem+json} answer
 * @param body        the answer's body as written, in place of a problem: a mock's JSON, a maintenance page
 * @param contentType with {@code body}: its media type, default {@code text/plain; charset=utf-8}
 * @param headers     fields added to the answer, such as {@code Retry-After} or a redirect's {@code Location}
 * @param trigger     when given, only requests carrying a header or a query parameter of this name are
 *                    answered; the others go on as if the plugin were not there
 */
public record RequestTerminationConfig(Integer status, String message, String body, String contentType,
                                       Map<String, String> headers, String trigger) {

    /** What a client is told when the route gives no message. */
    static final String DEFAULT_MESSAGE = "This service does not take requests at the moment; try again later.";

    /** Applies the defaults. */
    public RequestTerminationConfig {
        status = status == null ? Integer.valueOf(503) : status;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
