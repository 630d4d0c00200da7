package io.turnpike.plugins.hmacauth;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.turnpike.api.Exchange;
import io.turnpike.api.Request;

/**
 * The text a client signs, line by line in the order of its {@code headers="..."}, as Kong's hmac-auth builds
 * it: {@code name: value} for a header field (its values joined by {@code ", "} when it came more than once),
 * {@code @request-target: get /path?query} (the method in lower case), and for {@code request-line} the line
 * itself, {@code GET /path?query HTTP/1.1}. Lines are joined by {@code \n}, with none after the last.
 */
final class SigningString {

    static final String REQUEST_TARGET = "@request-target";
    static final String REQUEST_LINE = "request-line";

    private SigningString() {
    }

    /**
     * @return the text, or empty when a header the signature names is not in the request: the client signed
     *         something else than what arrived
     */
    static Optional<String> of(List<String> headers, Request request, Exchange exchange) {
        String target = request.query().isEmpty() ? request.path() : request.path() + "?" + request.query();
        StringBuilder text = new StringBuilder(256);
        for (String name : headers) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            switch (name) {
                case REQUEST_TARGET -> text.append(REQUEST_TARGET).append(": ")
                        .append(request.method().toLowerCase(Locale.ROOT)).append(' ').append(target);
                case REQUEST_LINE -> text.append(request.method()).append(' ').append(target).append(" HTTP/")
                        .append(exchange.protocolVersion());
                default -> {
                    List<String> values = request.headers().all(name);
                    if (values.isEmpty()) {
                        return Optional.empty();
                    }
                    text.append(name).append(": ").append(String.join(", ", values));
                }
            }
        }
        return Optional.of(text.toString());
    }
}
