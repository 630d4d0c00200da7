package io.turnpike.server.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webclient.api.ClientConnection;
import io.turnpike.api.Response;
import io.turnpike.server.http.Problems;

/**
 * Writes the answer to a request to switch to WebSocket on the client's connection, which Helidon has handed
 * over before any response object exists: the {@code 101} when the upstream switched, else the answer
 * instead (a plugin's refusal, the upstream's, the gateway's problem), after which the connection closes. The
 * fields are written by Helidon's own {@link io.helidon.http.Header#writeHttp1Header}, as its WebSocket
 * server writes its {@code 101}.
 */
final class UpgradeAnswer implements ProxyHandler.Answer {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final int CHUNK = 8192;

    private final DataWriter client;
    private ClientConnection tunnel;
    private String requestId = "";

    UpgradeAnswer(DataWriter client) {
        this.client = client;
    }

    /** @return the upstream connection, once the {@code 101} went out; the caller joins it to the client's */
    Optional<ClientConnection> tunnel() {
        return Optional.ofNullable(tunnel);
    }

    /** @return the request's id, once answered */
    String requestId() {
        return requestId;
    }

    @Override
    public ResponseWriter.Sent send(Response response, ProxyExchange exchange, String requestId) {
        this.requestId = requestId;
        Optional<ClientConnection> upstream = response.status() == 101 && exchange != null
                ? exchange.takeTunnel() : Optional.empty();
        if (upstream.isPresent()) {
            BufferData head = head(101, response, requestId);
            header(head, "Connection", "Upgrade");
            header(head, "Upgrade", "websocket");
            head.write(CRLF);
            try {
                client.writeNow(head);
            } catch (RuntimeException e) {
                // the client is gone: the upstream connection is nobody's now
                upstream.get().closeResource();
                throw e;
            }
            tunnel = upstream.get();
            return new ResponseWriter.Sent(101, 0);
        }
        if (response.status() < 200) {
            // a plugin's 1xx without a switch behind it cannot be answered as such
            return send(Problems.response(502, "The upstream did not switch protocols.", requestId), null, requestId);
        }
        return refusal(response, requestId);
    }

    /** Any other answer, then the end of the connection: it never carried the upgrade request's successor. */
    private ResponseWriter.Sent refusal(Response response, String requestId) {
        boolean withBody = ResponseWriter.mayHaveBody("GET", response.status());
        long length = withBody ? response.body().length() : 0;
        BufferData head = head(response.status(), response, requestId);
        header(head, "Connection", "close");
        // RFC 9110 section 8.6: never on 1xx and 204; without a length, the close ends the body
        if (withBody && length >= 0) {
            header(head, "Content-Length", Long.toString(length));
        }
        head.write(CRLF);
        client.writeNow(head);
        long sent = 0;
        if (withBody && length != 0) {
            try (InputStream in = response.body().stream()) {
                byte[] buffer = new byte[CHUNK];
                for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                    client.writeNow(BufferData.create(buffer, 0, read));
                    sent += read;
                }
            } catch (IOException | RuntimeException e) {
                // the connection closes after this answer in any case, which tells the client it was cut short
                return new ResponseWriter.Sent(response.status(), -1);
            }
        }
        return new ResponseWriter.Sent(response.status(), sent);
    }

    private static BufferData head(int status, Response response, String requestId) {
        BufferData head = BufferData.growing(512);
        String reason = Status.create(status).reasonPhrase();
        head.write(("HTTP/1.1 " + status + " " + reason + "\r\n").getBytes(StandardCharsets.US_ASCII));
        response.headers().forEach((name, value) -> {
            // framing and connection fields are this hop's to write
            if (!"Content-Length".equalsIgnoreCase(name) && !"Transfer-Encoding".equalsIgnoreCase(name)
                    && !"Connection".equalsIgnoreCase(name) && !"Upgrade".equalsIgnoreCase(name)) {
                header(head, name, value);
            }
        });
        header(head, RequestIds.HEADER, requestId);
        return head;
    }

    private static void header(BufferData head, String name, String value) {
        HeaderValues.create(name, value).writeHttp1Header(head);
    }
}
