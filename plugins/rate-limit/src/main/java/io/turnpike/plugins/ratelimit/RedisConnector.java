package io.turnpike.plugins.ratelimit;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;

/**
 * How a link connects: to one Redis (or a master found through Sentinels), or to a Redis Cluster, whose
 * client sends each call to the node that holds its key's slot. Either way the link gets one connection and
 * the commands to run its script on.
 */
interface RedisConnector {

    /** More calls waiting than this are refused: the queue cannot grow without bound while Redis is slow. */
    int MAX_QUEUED_CALLS = 10_000;

    /** A connection made, and its scripting commands. */
    record Connected(StatefulConnection<String, String> connection, RedisScriptingAsyncCommands<String, String> commands) {
    }

    /** Starts connecting; the future fails when the connection cannot be made. */
    CompletableFuture<Connected> connect();

    /** Lets go of the client and its connections, within about two seconds. */
    void shutdown();

    /**
     * @param uri     where to connect: the server, the Sentinels, or one node of the cluster to learn it from
     * @param cluster whether the URL names a node of a Redis Cluster
     * @param ssl     the TLS options, used with {@code rediss://}
     */
    static RedisConnector of(ClientResources resources, RedisURI uri, boolean cluster, SslOptions ssl, Duration timeout) {
        if (cluster) {
            RedisClusterClient client = RedisClusterClient.create(resources, uri);
            ClusterClientOptions.Builder options = ClusterClientOptions.builder()
                    // a MOVED or ASK answer, or a reconnect, makes the client learn the cluster's slots again
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder().enableAllAdaptiveRefreshTriggers()
                            .enablePeriodicRefresh(Duration.ofSeconds(30)).build());
            // a node's connection is made on its first call, which must wait for it rather than be refused
            common(options, ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS, ssl, timeout);
            client.setOptions(options.build());
            return new RedisConnector() {
                @Override
                public CompletableFuture<Connected> connect() {
                    // the client learns the slots from the node first, as its synchronous connect would
                    return client.refreshPartitionsAsync().toCompletableFuture()
                            .thenCompose(learned -> client.connectAsync(StringCodec.UTF8))
                            .thenApply(open -> new Connected(open, open.async()));
                }

                @Override
                public void shutdown() {
                    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
                }
            };
        }
        RedisClient client = RedisClient.create(resources);
        ClientOptions.Builder options = ClientOptions.builder();
        common(options, ClientOptions.DisconnectedBehavior.REJECT_COMMANDS, ssl, timeout);
        client.setOptions(options.build());
        return new RedisConnector() {
            @Override
            public CompletableFuture<Connected> connect() {
                return client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture()
                        .thenApply(open -> new Connected(open, open.async()));
            }

            @Override
            public void shutdown() {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        };
    }

    /**
     * What both kinds of client do alike: reconnect by themselves, bound their queue, and give up on a call
     * after {@code timeout}. One Redis refuses calls at once while it is disconnected; a cluster's calls wait
     * (within the timeout) for their node's connection.
     */
    private static void common(ClientOptions.Builder options, ClientOptions.DisconnectedBehavior whileDisconnected,
                               SslOptions ssl, Duration timeout) {
        options.sslOptions(ssl)
                .autoReconnect(true)
                .disconnectedBehavior(whileDisconnected)
                .requestQueueSize(MAX_QUEUED_CALLS)
                .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout(timeout)).tcpNoDelay(true)
                        .keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout));
    }

    /**
     * Connecting is off the requests' path (a request waits for it at most {@code timeout}), so it may take
     * longer than a call: the timeout, but at least a second, for a TLS or AUTH handshake on a slow network.
     */
    private static Duration connectTimeout(Duration timeout) {
        return timeout.compareTo(Duration.ofSeconds(1)) > 0 ? timeout : Duration.ofSeconds(1);
    }
}
