package io.turnpike.server.proxy;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;

import io.turnpike.api.ProblemException;

/**
 * Why a try got no answer, as far as retrying and the target's health are concerned.
 */
enum Failure {

    /** No connection was made, so not a byte of the request was sent: safe to retry for any method. */
    CONNECT,
    /** The upstream processed none of the request ({@link NotProcessedException}): safe to retry for any method. */
    REFUSED,
    /** The upstream took the request and did not answer in time. */
    TIMEOUT,
    /** The connection broke or closed after the request (or part of it) was sent. */
    RESET,
    /** The request's own body failed (the client went away, a plugin refused it): not the target's doing. */
    REQUEST_BODY;

    /**
     * @param e           what the client threw
     * @param bodyFailed  whether reading the request body is what failed
     */
    static Failure of(RuntimeException e, boolean bodyFailed) {
        if (bodyFailed || e instanceof ProblemException) {
            return REQUEST_BODY;
        }
        Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof NotProcessedException) {
            return REFUSED;
        }
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                || cause instanceof UnknownHostException || isConnectTimeout(cause)) {
            return CONNECT;
        }
        if (isTimeout(cause)) {
            return TIMEOUT;
        }
        return RESET;
    }

    static boolean isTimeout(Throwable cause) {
        return cause instanceof SocketTimeoutException || cause instanceof HttpTimeoutException
                || cause.getClass().getSimpleName().contains("Timeout");
    }

    /** The JDK's socket says "Connect timed out" for a connect timeout and "Read timed out" for a read one. */
    private static boolean isConnectTimeout(Throwable cause) {
        return cause instanceof SocketTimeoutException && cause.getMessage() != null
                && cause.getMessage().toLowerCase(Locale.ROOT).startsWith("connect");
    }
}
