package io.turnpike.plugins.grpcweb;

import java.util.Locale;
import java.util.Optional;

import io.turnpike.api.Body;
import io.turnpike.api.Chain;
import io.turnpike.api.Exchange;
import io.turnpike.api.Filter;
import io.turnpike.api.Headers;
import io.turnpike.api.Request;
import io.turnpike.api.Response;

/**
 * Translates a gRPC-Web call into the gRPC call it stands for, and the service's answer back. Requests that
 * are not gRPC-Web pass through untouched, so one route serves browsers and gRPC clients alike.
 */
final class GrpcWebFilter implements Filter {

    @Override
    public Response handle(Exchange exchange, Chain chain) {
        Request request = chain.request();
        Optional<WebFormat> format = request.headers().first("Content-Type").flatMap(WebFormat::of);
        if (format.isEmpty()) {
            return chain.proceed();
        }
        WebFormat web = format.get();
        Headers fields = request.headers().toBuilder()
                .set("Content-Type", web.grpcContentType())
                // gRPC-Web's own marker, for this hop only
                .remove("X-Grpc-Web")
                .build();
        // The framing of the messages is gRPC's already; a text body is that framing in base64.
        Body body = web.text() ? Body.of(TextRequestBody.decoding(request.body().stream()), -1) : request.body();
        Response answer = chain.proceed(request.withHeaders(fields).withBody(body));
        if (!isGrpc(answer)) {
            // the gateway's own refusals and failures: a gRPC-Web client reads their HTTP status
            return answer;
        }
        Headers answerFields = answer.headers().toBuilder()
                .set("Content-Type", web.webContentType())
                .remove("Content-Length")
                .remove("Trailer")
                .build();
        if (answer.body().length() == 0) {
            // "trailers-only": the status is among the fields, which a browser can read as they are
            statusIn(answer.headers(), exchange);
            return answer.withHeaders(answerFields);
        }
        return answer.withHeaders(answerFields)
                .withBody(new WebAnswerBody(answer.body(), web.text(), trailers -> statusIn(trailers, exchange)));
    }

    /** The call's status, for the gateway's log, metrics and traces, which cannot read it inside the body. */
    private static void statusIn(Headers fields, Exchange exchange) {
        fields.first("grpc-status").ifPresent(status -> exchange.setAttribute(Exchange.GRPC_STATUS, status));
    }

    /** A gRPC service's answer (as opposed to the gateway's own, or one already in gRPC-Web). */
    private static boolean isGrpc(Response answer) {
        return answer.headers().first("Content-Type")
                .map(type -> type.toLowerCase(Locale.ROOT))
                .map(type -> type.startsWith("application/grpc") && WebFormat.of(type).isEmpty())
                .orElse(false);
    }
}
