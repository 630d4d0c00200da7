package io.turnpike.plugins.introspection;

/**
 * The introspection endpoint gave no usable answer, so nothing can be said of the token: the request is
 * answered with {@link #status()}, neither let through nor told its token is invalid.
 */
final class EndpointFailure extends Exception {

    static final String UNAVAILABLE = "The token introspection service is unavailable.";
    static final String TIMED_OUT = "The token introspection service did not answer in time.";

    private final int status;

    /**
     * @param status 503, or 504 when the endpoint was too slow
     * @param reason what went wrong, for the log only
     */
    EndpointFailure(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }

    /** @return the sentence for the client */
    String detail() {
        return status == 504 ? TIMED_OUT : UNAVAILABLE;
    }
}
