package io.turnpike.server.http;

import java.util.function.IntSupplier;
import java.util.regex.Pattern;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Answers a plain-HTTP request with a redirect to the same URL over HTTPS, on the gateway's HTTPS port: the
 * {@code server.http-redirect} listener. The host is the request's own, without its port; a request without a
 * usable {@code Host} is answered 400, as there is no URL to send it to.
 */
public final class HttpsRedirect implements Handler {

    /** A host, with an optional port, holding nothing that would end a URL's host or start its user part. */
    private static final Pattern HOST = Pattern.compile("[^/?#@\\s\\\\]+");
    private static final int HTTPS_DEFAULT_PORT = 443;

    private final int status;
    private final IntSupplier httpsPort;

    /**
     * @param status    the redirect's status
     * @param httpsPort the HTTPS listener's port, known once it listens
     */
    public HttpsRedirect(int status, IntSupplier httpsPort) {
        this.status = status;
        this.httpsPort = httpsPort;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        String authority = req.authority() == null ? "" : req.authority();
        if (!HOST.matcher(authority).matches()) {
            res.status(Status.BAD_REQUEST_400)
                    .header(HeaderNames.CONTENT_TYPE, Problems.CONTENT_TYPE)
                    .send("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":"
                            + "\"This port only redirects to HTTPS, and the request names no host to redirect it to.\"}");
            return;
        }
        String host = authority.startsWith("[") ? authority.substring(0, authority.indexOf(']') + 1)
                : authority.split(":", 2)[0];
        int port = httpsPort.getAsInt();
        String query = req.query().rawValue();
        String location = "https://" + host + (port == HTTPS_DEFAULT_PORT ? "" : ":" + port)
                + req.prologue().uriPath().rawPath() + (query.isEmpty() ? "" : "?" + query);
        res.status(Status.create(status))
                .header(HeaderNames.LOCATION, location)
                .send();
    }
}
