package io.turnpike.server.routing;

/**
 * A request path that no route may accept; the gateway answers 400 with the message as the detail.
 *
 * <p>The message is safe to show a client: it never echoes the path, which may hold control characters.
 */
public final class InvalidPathException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InvalidPathException(String message) {
        // No stack trace: any client can cause this on every request, so it must be cheap.
        super(message, null, false, false);
    }
}
