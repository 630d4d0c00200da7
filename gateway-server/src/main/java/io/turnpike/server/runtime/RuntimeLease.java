package io.turnpike.server.runtime;

/**
 * A request's hold on the runtime it started with: the runtime is not closed while any lease on it is open.
 */
public interface RuntimeLease extends AutoCloseable {

    /** @return the runtime this request runs on, from its start to its last byte */
    GatewayRuntime runtime();

    /** Gives the hold back; the last one on a replaced runtime closes it. */
    @Override
    void close();
}
