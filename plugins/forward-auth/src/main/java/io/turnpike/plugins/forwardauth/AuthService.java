package io.turnpike.plugins.forwardauth;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

import javax.net.ssl.SSLContext;

import io.turnpike.api.Headers;
import io.turnpike.plugins.support.ServiceClient;
import io.turnpike.plugins.support.ServiceFailure;

/**
 * The authorization service: puts one request's fields to it and says what it answered. The calls are
 * {@link ServiceClient}'s: bounded in time, size and number.
 */
final class AuthService implements AutoCloseable {

    /** Refusal pages and problem documents are small; anything larger fails the call rather than the heap. */
    static final int MAX_ANSWER_BYTES = 64 * 1024;

    /**
     * The fields that belong to one connection or frame a body: neither sent to the service (the JDK's client
     * sets or refuses them) nor passed on from its answer (the gateway frames its own).
     */
    static final Set<String> CONNECTION_FIELDS = Set.of("connection", "keep-alive", "proxy-connection", "te",
            "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect");

    static final String UNAVAILABLE = "The authorization service is unavailable.";
    static final String TIMED_OUT = "The authorization service did not answer in time.";
    static final String BAD_ANSWER = "The authorization service gave an answer the gateway cannot pass on.";

    private final URI url;
    private final ServiceClient client;

    /**
     * @param ssl the TLS an {@code https://} service is trusted by, or null for the JVM's default
     */
    AuthService(URI url, Duration timeout, int maxConcurrent, SSLContext ssl) {
        this.url = url;
        this.client = new ServiceClient(timeout, maxConcurrent, MAX_ANSWER_BYTES, ssl);
    }

    /**
     * Asks the service about one request.
     *
     * @param fields the header fields to send, already chosen; none of {@link #CONNECTION_FIELDS}
     * @return the verdict; never throws for anything the service or the network does
     */
    Verdict ask(Headers fields) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).GET();
        try {
            fields.forEach(request::header);
        } catch (IllegalArgumentException unsendable) {
            return new Verdict.Failed(502, BAD_ANSWER, "a header field cannot be sent: " + unsendable.getMessage());
        }
        try {
            return verdict(client.send(request));
        } catch (ServiceFailure failure) {
            return switch (failure.kind()) {
                case TIMED_OUT -> new Verdict.Failed(504, TIMED_OUT, failure.getMessage());
                case TOO_LARGE -> new Verdict.Failed(502, BAD_ANSWER, failure.getMessage());
                case BUSY, UNREACHABLE -> new Verdict.Failed(503, UNAVAILABLE, failure.getMessage());
            };
        }
    }

    private static Verdict verdict(HttpResponse<byte[]> answer) {
        int status = answer.statusCode();
        Headers.Builder headers = Headers.builder();
        try {
            answer.headers().map().forEach((name, values) -> {
                if (!CONNECTION_FIELDS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    values.forEach(value -> headers.add(name, value));
                }
            });
        } catch (IllegalArgumentException unusable) {
            return new Verdict.Failed(502, BAD_ANSWER, "a header field of its answer is unusable: "
                    + unusable.getMessage());
        }
        if (status >= 200 && status < 300) {
            return new Verdict.Allowed(headers.build());
        }
        if (status >= 300 && status < 500) {
            return new Verdict.Refused(status, headers.build(), answer.body());
        }
        return new Verdict.Failed(503, UNAVAILABLE, "it answered " + status);
    }

    /** Gives up the calls in flight: a reload or a stop does not wait for the service. */
    @Override
    public void close() {
        client.close();
    }
}
