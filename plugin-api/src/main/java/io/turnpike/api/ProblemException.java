package io.turnpike.api;

import java.util.Map;
import java.util.Objects;

/**
 * Refuses a request with an RFC 9457 {@code application/problem+json} answer. Throw it from a filter;
 * the gateway renders the body (with the request id as {@code instance}) and the filters before the
 * thrower see it as an ordinary response.
 *
 * <p>The detail is shown to the client: never put a secret, a credential or the reason a credential
 * failed into it.
 */
public final class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private static final Map<Integer, String> TITLES = Map.ofEntries(
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(408, "Request Timeout"),
            Map.entry(409, "Conflict"), Map.entry(411, "Length Required"), Map.entry(413, "Content Too Large"),
            Map.entry(414, "URI Too Long"), Map.entry(415, "Unsupported Media Type"),
            Map.entry(429, "Too Many Requests"), Map.entry(431, "Request Header Fields Too Large"),
            Map.entry(500, "Internal Server Error"), Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    private final int status;
    private final String title;
    private final transient Headers headers;

    /**
     * A problem with the standard title for its status.
     *
     * @param status the status code, 400 to 599
     * @param detail a sentence for the client
     */
    public ProblemException(int status, String detail) {
        this(status, TITLES.getOrDefault(status, "Error"), detail, Headers.empty());
    }

    /**
     * A problem with its own title and extra response headers, such as {@code WWW-Authenticate}
     * or {@code Retry-After}.
     *
     * @param status  the status code, 400 to 599
     * @param title   a short summary that does not change between occurrences
     * @param detail  a sentence for the client about this occurrence
     * @param headers headers to put on the answer
     */
    public ProblemException(int status, String title, String detail, Headers headers) {
        super(detail, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a problem's status must be 400 to 599: " + status);
        }
        this.status = status;
        this.title = Objects.requireNonNull(title, "title");
        this.headers = Objects.requireNonNull(headers, "headers");
    }

    /**
     * The status code.
     *
     * @return the status
     */
    public int status() {
        return status;
    }

    /**
     * The short summary.
     *
     * @return the title
     */
    public String title() {
        return title;
    }

    /**
     * The sentence for the client.
     *
     * @return the detail
     */
    public String detail() {
        return getMessage();
    }

    /**
     * Headers to put on the answer.
     *
     * @return the headers
     */
    public Headers headers() {
        return headers;
    }
}
