package io.turnpike.server.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.ServerResponseTrailers;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerResponse;
import io.turnpike.api.Body;
import io.turnpike.api.Headers;
import io.turnpike.api.Response;
import io.turnpike.server.http.Problems;

/**
 * Writes a chain's response to the client, streaming the body.
 */
final class ResponseWriter {

    private static final System.Logger LOGGER = System.getLogger(ResponseWriter.class.getName());

    /** Bodies of known length up to this are sent in one write. */
    static final int SMALL_BODY = 16 * 1024;

    private ResponseWriter() {
    }

    /** RFC 9110 §6.4.1: HEAD answers, 1xx, 204 and 304 never carry content. */
    static boolean mayHaveBody(String method, int status) {
        return !"HEAD".equals(method) && status >= 200 && status != 204 && status != 304;
    }

    /**
     * @return the status and the body bytes sent
     * @throws CloseConnectionException when a streamed body was cut short, after the status line had gone
     */
    static Sent write(String method, Response response, String requestId, ServerResponse out) {
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
            return new Sent(response.status(), 0);
        }
        Body body = response.body();
        long length = body.length();
        if (length == 0) {
            return new Sent(response.status(), empty(body.trailers(), out));
        }
        // A body that may end with trailers is read to its end, which only the streamed path does: read whole, an
        // HTTP/2 answer that gave its Content-Length (nginx serving gRPC) lost its trailers, and a gRPC call its status.
        if (length > 0 && length <= SMALL_BODY && !(body instanceof TrailingBody)) {
            byte[] bytes = readWhole(body, (int) length);
            if (bytes == null) {
                // Nothing has reached the client yet, so it can still be told plainly.
                LOGGER.log(System.Logger.Level.WARNING, () -> "request " + requestId
                        + ": the upstream's answer ended before its Content-Length of " + length + " bytes");
                out.headers().clear();
                return write(method, Problems.response(502, "The upstream's answer was cut short.", requestId),
                        requestId, out);
            }
            out.send(bytes);
            return new Sent(response.status(), bytes.length);
        }
        if (length > 0) {
            out.contentLength(length);
        }
        return new Sent(response.status(), stream(body, length, out));
    }

    /**
     * What reached the client.
     *
     * @param status     the status
     * @param bytes      the body's bytes, or -1 when it was cut short
     * @param grpcStatus for a gRPC call, its gRPC status code, or null
     */
    record Sent(int status, long bytes, String grpcStatus) {

        Sent(int status, long bytes) {
            this(status, bytes, null);
        }
    }

    /**
     * Most API answers are small. Read whole (their length is known and bounded), they go out in one write,
     * without the stream's buffer and framing, and without asking the upstream connection for more bytes
     * than there are.
     *
     * @return the body, or null when the upstream sent less than it announced
     */
    private static byte[] readWhole(Body body, int length) {
        try (InputStream in = body.stream()) {
            byte[] bytes = in.readNBytes(length);
            return bytes.length == length ? bytes : null;
        } catch (IOException | RuntimeException e) {
            // Helidon reports a connection closed early as its own unchecked exception.
            return null;
        }
    }

    private static long stream(Body body, long length, ServerResponse out) {
        // one byte looked at first tells an empty body, which must go out as one (see empty), from the others
        PushbackInputStream in = new PushbackInputStream(body.stream(), 1);
        try {
            int first = in.read();
            if (first < 0) {
                close(in);
                return empty(body.trailers(), out);
            }
            in.unread(first);
        } catch (IOException | RuntimeException e) {
            throw cutShort(e);
        }
        OutputStream client = out.outputStream();
        long copied;
        try {
            copied = UpstreamCall.copy(in, client, length);
        } catch (IOException | RuntimeException e) {
            // The status line is gone already; closing the stream would end the body as if it were complete.
            // Dropping the connection is the only honest way to tell the client the body is cut short.
            throw cutShort(e);
        }
        close(in);
        sendTrailers(body.trailers(), out);
        finish(client, out);
        return copied;
    }

    /**
     * A streamed body that turned out empty. When no trailers came either, the answer is all header fields and
     * must stay so: gRPC sends its errors that way ("trailers-only"), the status among the fields, and a client
     * takes a status only from the block that ends the stream. Helidon announces trailers to any client that
     * takes them and then sends its own, which would split such an answer in two; the announcement is taken
     * back before anything is written, so that the fields go out as one block that ends the stream.
     */
    private static long empty(Headers trailers, ServerResponse out) {
        OutputStream client = out.outputStream();
        if (trailers.size() == 0) {
            out.headers().remove(HeaderNames.TRAILER);
        } else {
            sendTrailers(trailers, out);
        }
        finish(client, out);
        return 0;
    }

    /**
     * Ends the answer now. Over HTTP/2, Helidon sends the end of the stream (with the trailers) only on commit,
     * which it would otherwise do once the handler returns: a gRPC caller that waits for its call's status before
     * it ends its request stream would wait for the handler, while the handler waits for that request's end.
     */
    private static void finish(OutputStream client, ServerResponse out) {
        try {
            client.close();
            if (out instanceof RoutingResponse routing) {
                routing.commit();
            }
        } catch (IOException | UncheckedIOException e) {
            throw new CloseConnectionException("client went away", e);
        }
    }

    /**
     * The upstream's body is left unclosed: closing it reads on (Helidon's entity stream asks for one more
     * buffer), which from an upstream gone silent waits out a whole read timeout more. The exchange's end
     * aborts the answer instead: the HTTP/1.1 connection is dropped, the HTTP/2 stream reset.
     */
    private static CloseConnectionException cutShort(Exception e) {
        return new CloseConnectionException("response body cut short: " + e.getMessage(), e);
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // nothing more is read from it
        }
    }

    /**
     * The body's trailers go after it, to a client that said it takes them ({@code TE: trailers}, as gRPC
     * clients do); Helidon refuses them for any other, and they are dropped, as a proxy may.
     */
    private static void sendTrailers(Headers trailers, ServerResponse out) {
        if (trailers.size() == 0) {
            return;
        }
        ServerResponseTrailers fields;
        try {
            fields = out.trailers();
        } catch (IllegalStateException e) {
            return;
        }
        trailers.forEach((name, value) -> fields.add(HeaderValues.create(name, value)));
    }
}
