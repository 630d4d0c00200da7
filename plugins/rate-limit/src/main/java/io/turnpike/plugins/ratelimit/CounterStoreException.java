package io.turnpike.plugins.ratelimit;

/**
 * A counter store could not answer: it did not answer in time, or could not be reached. Nothing is known of
 * whether the request was counted.
 */
public final class CounterStoreException extends RuntimeException {

    /**
     * @param message what failed, naming the store without its credentials
     * @param cause   the store client's exception, if any
     */
    public CounterStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    private CounterStoreException(String message) {
        super(message, null, false, false);
    }

    /**
     * One failure thrown many times, as to every request while a failed store is left alone: with no stack
     * trace to fill in, it costs nothing per request.
     */
    static CounterStoreException withoutStackTrace(String message) {
        return new CounterStoreException(message);
    }
}
