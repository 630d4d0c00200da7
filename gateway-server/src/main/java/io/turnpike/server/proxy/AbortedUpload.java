package io.turnpike.server.proxy;

import java.io.OutputStream;
import java.lang.reflect.Field;
import java.util.Optional;

import io.helidon.webclient.api.ClientConnection;

/**
 * Cuts the connection under a request body that cannot be sent whole: the client's body failed while it was
 * being copied upstream (a plugin's size limit, or the client going away).
 *
 * <p>Why this is needed: when the handler given to Helidon 4.5's {@code HttpClientRequest.outputStream} throws,
 * Helidon neither closes nor releases the connection. The upstream would sit waiting for the rest of the body
 * until its own timeout, and the socket would stay open until garbage collection. Closing the stream instead
 * would be worse: for a chunked body it writes the last chunk, so the upstream would take the truncated body
 * for a complete one. Helidon offers no public way to reach the connection from inside the handler, so this
 * finds the {@link ClientConnection} that the handler's stream writes to and closes it; the upstream then
 * sees the request cut short, and the connection is never pooled again.
 */
final class AbortedUpload {

    private static final System.Logger LOGGER = System.getLogger(AbortedUpload.class.getName());

    private AbortedUpload() {
    }

    /**
     * Closes the connection beneath a request body stream.
     *
     * @param out the stream Helidon handed to the output stream handler
     * @return whether a connection was found and closed
     */
    static boolean abort(OutputStream out) {
        Optional<ClientConnection> connection = connectionOf(out);
        if (connection.isEmpty()) {
            LOGGER.log(System.Logger.Level.WARNING, () -> "cannot reach the upstream connection beneath "
                    + out.getClass().getName() + " to abort an incomplete request body; it is left to time out");
            return false;
        }
        try {
            connection.get().closeResource();
        } catch (RuntimeException e) {
            LOGGER.log(System.Logger.Level.DEBUG, "closing an aborted upstream connection failed", e);
        }
        return true;
    }

    private static Optional<ClientConnection> connectionOf(Object stream) {
        for (Class<?> type = stream.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (ClientConnection.class.isAssignableFrom(field.getType())) {
                    try {
                        field.setAccessible(true);
                        return Optional.ofNullable((ClientConnection) field.get(stream));
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.empty();
    }
}
