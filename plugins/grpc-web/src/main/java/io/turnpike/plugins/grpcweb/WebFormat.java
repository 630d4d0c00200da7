package io.turnpike.plugins.grpcweb;

import java.util.Locale;
import java.util.Optional;

/**
 * The form of a gRPC-Web request, told by its {@code Content-Type}: binary ({@code application/grpc-web},
 * {@code application/grpc-web+proto}, ...) or base64 text ({@code application/grpc-web-text}, ...), for the
 * browsers whose {@code fetch} cannot read binary answers as they stream.
 *
 * @param text    whether the bodies are base64 text
 * @param subtype the message format after {@code +} ({@code proto}, {@code json}), empty when none was named
 */
record WebFormat(boolean text, String subtype) {

    private static final String BINARY = "application/grpc-web";
    private static final String TEXT = "application/grpc-web-text";

    /**
     * @param contentType a request's {@code Content-Type}
     * @return its form, or empty when it is no gRPC-Web request
     */
    static Optional<WebFormat> of(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        int parameters = type.indexOf(';');
        if (parameters >= 0) {
            type = type.substring(0, parameters);
        }
        type = type.strip();
        // the longer name first: the binary one is a prefix of it
        if (type.startsWith(TEXT)) {
            return subtype(type.substring(TEXT.length())).map(subtype -> new WebFormat(true, subtype));
        }
        if (type.startsWith(BINARY)) {
            return subtype(type.substring(BINARY.length())).map(subtype -> new WebFormat(false, subtype));
        }
        return Optional.empty();
    }

    private static Optional<String> subtype(String rest) {
        if (rest.isEmpty()) {
            return Optional.of("");
        }
        return rest.startsWith("+") && rest.length() > 1 ? Optional.of(rest.substring(1)) : Optional.empty();
    }

    /** @return the gRPC {@code Content-Type} of the call the service gets */
    String grpcContentType() {
        return subtype.isEmpty() ? "application/grpc" : "application/grpc+" + subtype;
    }

    /** @return the {@code Content-Type} of the answer the browser gets, in the form it asked in */
    String webContentType() {
        return (text ? TEXT : BINARY) + "+" + (subtype.isEmpty() ? "proto" : subtype);
    }
}
