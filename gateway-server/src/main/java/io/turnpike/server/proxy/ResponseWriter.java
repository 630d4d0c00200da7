package io.turnpike.server.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerResponse;
import io.turnpike.api.Body;
import io.turnpike.api.Response;

/**
 * Writes a chain's response to the client, streaming the body.
 */
final class ResponseWriter {

    private ResponseWriter() {
    }

    /** RFC 9110 §6.4.1: HEAD answers, 1xx, 204 and 304 never carry content. */
    static boolean mayHaveBody(String method, int status) {
        return !"HEAD".equals(method) && status >= 200 && status != 204 && status != 304;
    }

    static void write(String method, Response response, String requestId, ServerResponse out) {
        out.status(response.status());
        boolean bodiless = !mayHaveBody(method, response.status());
        response.headers().forEach((name, value) -> {
            // Framing is the gateway's to set from the body it actually sends, except where no body is
            // sent and Content-Length describes the representation (HEAD, 304).
            if (bodiless || !"Content-Length".equalsIgnoreCase(name)) {
                out.headers().add(HeaderValues.create(name, value));
            }
        });
        out.headers().set(HeaderValues.create(RequestIds.HEADER, requestId));
        if (bodiless) {
            out.send();
            return;
        }
        Body body = response.body();
        long length = body.length();
        if (length == 0) {
            out.send();
            return;
        }
        if (length > 0) {
            out.contentLength(length);
        }
        stream(body, out);
    }

    private static void stream(Body body, ServerResponse out) {
        OutputStream client = out.outputStream();
        try (InputStream in = body.stream()) {
            UpstreamCall.copy(in, client);
        } catch (IOException | UncheckedIOException e) {
            // The status line is gone already; closing the stream would end the body as if it were complete.
            // Dropping the connection is the only honest way to tell the client the body is cut short.
            throw new CloseConnectionException("response body cut short: " + e.getMessage(), e);
        }
        try {
            client.close();
        } catch (IOException e) {
            throw new CloseConnectionException("client went away", e);
        }
    }
}
