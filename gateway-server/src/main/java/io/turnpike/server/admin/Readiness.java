package io.turnpike.server.admin;

/**
 * Whether the gateway should get traffic: not while starting, yes once ready, not while draining.
 */
public final class Readiness {

    /** The states, in the only order they are passed through. */
    public enum State { STARTING, READY, DRAINING }

    private volatile State state = State.STARTING;

    /** Every route is built and the proxy listens. */
    public void ready() {
        state = State.READY;
    }

    /** Shutdown has begun: load balancers should stop sending. */
    public void draining() {
        state = State.DRAINING;
    }

    /** @return the current state */
    public State state() {
        return state;
    }
}
