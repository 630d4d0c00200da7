package io.turnpike.server.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerResponse;
import io.turnpike.api.Body;
import io.turnpike.api.Response;

/** Writes the plugin API's answers on the admin listener. */
final class AdminResponses {

    /** Answers of known length up to this are sent in one piece. */
    private static final int WHOLE = 1 << 20;

    private AdminResponses() {
    }

    /** Admin requests carry no proxy request id; a fresh one still ties a problem answer to its log line. */
    static String freshRequestId() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    /**
     * Writes a plugin-API answer (a plugin endpoint's, or a problem) to the admin listener's response; admin
     * answers are never cached.
     */
    static void write(Response response, ServerResponse res) {
        res.status(response.status());
        response.headers().forEach((name, value) -> {
            if (!"Content-Length".equalsIgnoreCase(name)) {
                res.headers().add(HeaderValues.create(name, value));
            }
        });
        if (!res.headers().contains(io.helidon.http.HeaderNames.CACHE_CONTROL)) {
            res.headers().set(HeaderValues.create("Cache-Control", "no-store"));
        }
        Body body = response.body();
        if (body.length() == 0) {
            res.send();
            return;
        }
        if (body.length() > 0 && body.length() <= WHOLE) {
            // Sent whole: Helidon's HTTP/2 response counts a stream written from a filter (AdminToken's 401) as
            // nothing sent, and fails the request; send(bytes) is sent on every protocol.
            res.send(body.bytes((int) body.length()));
            return;
        }
        if (body.length() > 0) {
            res.contentLength(body.length());
        }
        try (InputStream in = body.stream(); OutputStream out = res.outputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
