package io.turnpike.server.plugins;

import io.turnpike.api.Consumer;

/**
 * The server's side of {@link io.turnpike.api.Exchange#consumer()}: only the route's authentication step
 * sets the consumer, from what an authentication plugin proved. Not part of the plugin API, so plugins
 * can read the consumer but not choose it.
 */
public interface ConsumerSetter {

    /**
     * Records the consumer the request was authenticated as.
     *
     * @param consumer the consumer
     * @param guest    whether it is the route's anonymous consumer, standing in for an unrecognised caller
     */
    void setConsumer(Consumer consumer, boolean guest);
}
