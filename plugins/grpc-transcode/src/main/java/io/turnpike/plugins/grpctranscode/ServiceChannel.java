package io.turnpike.plugins.grpctranscode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;

/**
 * A route's channel to its gRPC service, with the threads it runs on.
 *
 * <p>The threads are the channel's own, not gRPC's process-wide ones: those outlive a channel by a second
 * or so, and a plugin's classes must not run once the gateway has unloaded its jar. Closing stops all of
 * them. The channel is built with Netty's builder directly, not through gRPC's provider registry, which looks
 * for providers with a class loader that a plugin's may not be.
 */
final class ServiceChannel implements AutoCloseable {

    /** Calls to one service share one HTTP/2 connection per address: a few I/O threads serve them all. */
    private static final int IO_THREADS = 2;
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    private final EventLoopGroup eventLoops;
    private final ExecutorService executor;
    private final ManagedChannel channel;

    private ServiceChannel(EventLoopGroup eventLoops, ExecutorService executor, ManagedChannel channel) {
        this.eventLoops = eventLoops;
        this.executor = executor;
        this.channel = channel;
    }

    /**
     * A channel as the config says; it connects when first used, and spreads calls over every address the
     * target resolves to.
     *
     * @param config  the validated config
     * @param routeId the route, to name the I/O threads
     * @return the channel
     */
    static ServiceChannel open(GrpcTranscodeConfig config, String routeId) {
        EventLoopGroup eventLoops = new MultiThreadIoEventLoopGroup(IO_THREADS,
                new DefaultThreadFactory("grpc-transcode-" + routeId, true), NioIoHandler.newFactory());
        // callbacks and name resolution; a blocking call itself waits on the request's own virtual thread
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        ManagedChannel channel = NettyChannelBuilder.forTarget(config.target(), credentials(config))
                .eventLoopGroup(eventLoops)
                .channelType(NioSocketChannel.class)
                .executor(executor)
                .offloadExecutor(executor)
                .maxInboundMessageSize(config.maxMessageSize())
                .defaultLoadBalancingPolicy("round_robin")
                .userAgent("turnpike-grpc-transcode")
                .build();
        return new ServiceChannel(eventLoops, executor, channel);
    }

    /** The channel, for calls. */
    Channel channel() {
        return channel;
    }

    /**
     * The channel credentials.
     *
     * @param config the config
     * @return plaintext, or TLS trusting the CA file or else the JDK's authorities
     * @throws UncheckedIOException     when the CA file cannot be read
     * @throws IllegalArgumentException when it holds no PEM certificate
     */
    static ChannelCredentials credentials(GrpcTranscodeConfig config) {
        if (!config.tls()) {
            return InsecureChannelCredentials.create();
        }
        if (config.caFile() == null) {
            return TlsChannelCredentials.create();
        }
        try {
            byte[] pem = Files.readAllBytes(config.caFile());
            // gRPC reads the file only when the channel connects: check it now, so that a bad one is a config error
            if (CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem)).isEmpty()) {
                throw new IllegalArgumentException("no certificate in " + config.caFile());
            }
            return TlsChannelCredentials.newBuilder().trustManager(new ByteArrayInputStream(pem)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CertificateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Lets calls in flight finish (each has its deadline), then stops the channel and its threads. */
    @Override
    public void close() {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                channel.shutdownNow().awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
        executor.shutdown();
        eventLoops.shutdownGracefully(0, SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
