package io.turnpike.plugins.faultinjection;

/**
 * The {@code abort:} block of a {@code fault-injection} config: the answer an aborted request gets in place of
 * the upstream's, and how many requests are aborted.
 *
 * @param status      the answer's status, 200 to 599
 * @param body        the answer's body as written; absent: for a status of 400 to 599, an
 *                    {@code application/problem+json} answer that says the fault was injected
 * @param contentType with {@code body}: its media type, default {@code text/plain; charset=utf-8}
 * @param percentage  the share of requests aborted, 0 to 100 (decimals allowed), default 100
 */
public record Abort(Integer status, String body, String contentType, Double percentage) {

    /** Applies the defaults. */
    public Abort {
        percentage = percentage == null ? Double.valueOf(100) : percentage;
    }
}
