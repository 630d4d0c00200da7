package io.turnpike.server.proxy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.helidon.webclient.api.ClientConnection;
import io.turnpike.api.AttributeKey;
import io.turnpike.api.Consumer;
import io.turnpike.api.Exchange;
import io.turnpike.server.observability.RequestSpan;
import io.turnpike.server.plugins.ConsumerSetter;

/**
 * One request's exchange. Lives on the request's virtual thread only, so it needs no locking.
 */
final class ProxyExchange implements Exchange, ConsumerSetter {

    private static final System.Logger LOGGER = System.getLogger(ProxyExchange.class.getName());

    private final String requestId;
    private final String routeId;
    private final InetAddress peerAddress;
    private final InetAddress clientAddress;
    private final String scheme;
    private final String authority;
    private final String protocolVersion;
    private Consumer consumer;
    private boolean guest;
    private Map<AttributeKey<?>, Object> attributes;
    private List<AutoCloseable> resources;
    private String upstream;
    private long upstreamNanos = -1;
    private final RequestSpan span;
    private boolean upgrade;
    private boolean duplex;
    private ClientConnection tunnel;

    ProxyExchange(String requestId, String routeId, InetAddress peerAddress, InetAddress clientAddress, String scheme,
                  String authority, String protocolVersion, RequestSpan span) {
        this.requestId = requestId;
        this.routeId = routeId;
        this.peerAddress = peerAddress;
        this.clientAddress = clientAddress;
        this.scheme = scheme;
        this.authority = authority;
        this.protocolVersion = protocolVersion;
        this.span = span;
    }

    /** The client asks to switch this connection to WebSocket: the upstream is asked the same. */
    void upgradeRequested() {
        this.upgrade = true;
    }

    /** @return whether the client asks to switch the connection to WebSocket */
    boolean upgrade() {
        return upgrade;
    }

    /** The request's body may be read while its answer is written (the client speaks HTTP/2). */
    void duplexBody() {
        this.duplex = true;
    }

    /** @return whether the request's body may be read while its answer is written */
    boolean duplex() {
        return duplex;
    }

    /**
     * The upstream switched: its connection now carries WebSocket and belongs to whoever takes it with
     * {@link #takeTunnel()}. Closed when the exchange ends without being taken (a plugin answered instead).
     */
    void tunnelTo(ClientConnection connection) {
        this.tunnel = connection;
        closeAtEnd(() -> {
            if (tunnel != null) {
                tunnel.closeResource();
            }
        });
    }

    /** @return the upstream connection switched to WebSocket, now the caller's to close, if there is one */
    Optional<ClientConnection> takeTunnel() {
        Optional<ClientConnection> taken = Optional.ofNullable(tunnel);
        tunnel = null;
        return taken;
    }

    /** The request's trace span, whose context goes to the upstream; {@link RequestSpan#NONE} untraced. */
    RequestSpan span() {
        return span;
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
        return clientAddress;
    }

    /** The socket peer: the client itself, or the proxy in front of the gateway; the hop X-Forwarded-For adds. */
    InetAddress peerAddress() {
        return peerAddress;
    }

    @Override
    public String scheme() {
        return scheme;
    }

    @Override
    public String authority() {
        return authority;
    }

    @Override
    public String protocolVersion() {
        return protocolVersion;
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
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.guest = guest;
    }

    @Override
    public <T> Optional<T> attribute(AttributeKey<T> key) {
        return attributes == null ? Optional.empty() : Optional.ofNullable(key.type().cast(attributes.get(key)));
    }

    @Override
    public <T> void setAttribute(AttributeKey<T> key, T value) {
        Objects.requireNonNull(value, () -> "value of " + key);
        if (attributes == null) {
            attributes = new IdentityHashMap<>(4);
        }
        attributes.put(key, key.type().cast(value));
    }

    /** Notes the target that answered (the last one, after retries) and how long its answer's head took. */
    void upstreamAnswered(String target, long nanos) {
        this.upstream = target;
        this.upstreamNanos = nanos;
    }

    /** @return the target that answered last, or null when no target was asked */
    String upstream() {
        return upstream;
    }

    /** @return how long that target took to send its answer's head, or -1 */
    long upstreamNanos() {
        return upstreamNanos;
    }

    /** Something to close when the exchange ends, however it ends: an upstream response, say. */
    void closeAtEnd(AutoCloseable resource) {
        if (resources == null) {
            resources = new ArrayList<>(2);
        }
        resources.add(resource);
    }

    /** Closes what {@link #closeAtEnd} collected, newest first. */
    void end() {
        if (resources == null) {
            return;
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOGGER.log(System.Logger.Level.DEBUG, "closing a resource of request " + requestId + " failed", e);
            }
        }
        resources = null;
    }
}
