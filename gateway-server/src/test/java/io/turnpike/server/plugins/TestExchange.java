package io.turnpike.server.plugins;

import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.turnpike.api.AttributeKey;
import io.turnpike.api.Consumer;
import io.turnpike.api.Exchange;

/** An exchange for tests: fixed ids, loopback client, attributes in a map. */
final class TestExchange implements Exchange, ConsumerSetter {

    private final String requestId;
    private final String routeId;
    private final Map<AttributeKey<?>, Object> attributes = new ConcurrentHashMap<>();
    private volatile Consumer consumer;
    private volatile boolean guest;

    TestExchange(String requestId, String routeId) {
        this.requestId = requestId;
        this.routeId = routeId;
    }

    @Override
    public String requestId() {
        return requestId;
    }

    @Override
    public String routeId() {
        return routeId;
    }

    @Override
    public InetAddress clientAddress() {
        return InetAddress.getLoopbackAddress();
    }

    @Override
    public Optional<Consumer> consumer() {
        return Optional.ofNullable(consumer);
    }

    @Override
    public boolean guest() {
        return guest;
    }

    @Override
    public void setConsumer(Consumer consumer, boolean guest) {
        this.consumer = consumer;
        this.guest = guest;
    }

    @Override
    public <T> Optional<T> attribute(AttributeKey<T> key) {
        return Optional.ofNullable(attributes.get(key)).map(key.type()::cast);
    }

    @Override
    public <T> void setAttribute(AttributeKey<T> key, T value) {
        attributes.put(key, key.type().cast(value));
    }
}
