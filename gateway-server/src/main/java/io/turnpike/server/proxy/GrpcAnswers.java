package io.turnpike.server.proxy;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.turnpike.api.Body;
import io.turnpike.api.Headers;
import io.turnpike.api.Response;
import io.turnpike.server.http.Problems;

/**
 * A gRPC client's view of an answer that is not the service's own: a refusal by a plugin (401, 429), no
 * route (404), an upstream that is down (503). gRPC clients read a call's outcome only from
 * {@code grpc-status}; given an HTTP error instead, they guess the code from the HTTP status and drop the
 * message, and reset the stream. So such an answer goes to them as gRPC says a server fails a call: HTTP 200
 * with the status, and the problem's detail as {@code grpc-message}, in one block of fields that ends the
 * stream ("trailers-only"). The code is the one gRPC's own mapping of HTTP statuses gives.
 */
final class GrpcAnswers {

    /** The gateway's problems are a few hundred bytes. */
    private static final String GRPC_TYPE = "application/grpc";
    private static final long MAX_PROBLEM = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GRPC_STATUS = "grpc-status";

    private GrpcAnswers() {
    }

    /**
     * @param request the request, as the client sent it
     * @return whether the client speaks gRPC: HTTP/2 with {@code Content-Type: application/grpc}, or a
     *         {@code +proto} or other {@code application/grpc+} subtype
     */
    static boolean isGrpc(ServerRequest request) {
        // gRPC runs on HTTP/2 only: an HTTP/1.1 request, the common case, needs no look at its fields
        return "2.0".equals(request.prologue().protocolVersion())
                && request.headers().first(HeaderNames.CONTENT_TYPE).map(GrpcAnswers::isGrpcType).orElse(false);
    }

    /**
     * gRPC's own types only: a gRPC-Web client ({@code application/grpc-web...}, which a browser may send over
     * HTTP/2 too) reads the gateway's refusals as HTTP statuses, and would not take an answer typed as gRPC.
     *
     * @param contentType a request's {@code Content-Type}
     * @return whether it is {@code application/grpc} or one of its {@code +} subtypes
     */
    static boolean isGrpcType(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        if (!type.startsWith(GRPC_TYPE)) {
            return false;
        }
        // what follows the type: nothing, a subtype, or parameters; not "-web"
        return type.length() == GRPC_TYPE.length() || "+; ".indexOf(type.charAt(GRPC_TYPE.length())) >= 0;
    }

    /**
     * @param response an answer to a gRPC request
     * @return the answer as a gRPC status, or the very answer when it is the service's (status 200)
     */
    static Response toGrpc(Response response) {
        if (response.status() == 200) {
            return response;
        }
        Headers.Builder fields = Headers.builder()
                .set("Content-Type", GRPC_TYPE)
                .set(GRPC_STATUS, Integer.toString(code(response.status())))
                .set("grpc-message", percentEncoded(detail(response)));
        response.headers().first("Retry-After").ifPresent(after -> fields.set("Retry-After", after));
        return new Response(200, fields.build(), Body.empty());
    }

    /** The problem's detail when the answer is one of the gateway's problems, else its HTTP status. */
    private static String detail(Response response) {
        boolean problem = response.headers().first("Content-Type").orElse("").startsWith(Problems.CONTENT_TYPE);
        long length = response.body().length();
        if (problem && length > 0 && length <= MAX_PROBLEM) {
            try {
                JsonNode detail = JSON.readTree(response.body().bytes((int) MAX_PROBLEM)).get("detail");
                if (detail != null && detail.isTextual()) {
                    return detail.asText();
                }
            } catch (IOException | RuntimeException e) {
                // not the problem it claimed to be: the status says enough
            }
        }
        return "HTTP status " + response.status();
    }

    /**
     * The call's gRPC status, once its answer has been written: among the fields of an answer that is all
     * fields, else in the trailers that followed its body.
     *
     * @param call the answer as written to the gRPC client
     * @return the status code, or null when the answer carried none (the client then sees an error)
     */
    static String status(Response call) {
        return call.headers().first(GRPC_STATUS).or(() -> call.body().trailers().first(GRPC_STATUS)).orElse(null);
    }

    /** gRPC's mapping of HTTP statuses (doc/http-grpc-status-mapping.md in grpc/grpc). */
    static int code(int httpStatus) {
        return switch (httpStatus) {
            case 400 -> 13;                  // INTERNAL
            case 401 -> 16;                  // UNAUTHENTICATED
            case 403 -> 7;                   // PERMISSION_DENIED
            case 404 -> 12;                  // UNIMPLEMENTED
            case 429, 502, 503, 504 -> 14;   // UNAVAILABLE
            default -> 2;                    // UNKNOWN
        };
    }

    /** gRPC's grpc-message is percent-encoded UTF-8; URLEncoder's '+' for a space would stay a '+'. */
    private static String percentEncoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
