package io.turnpike.server.testkit;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.grpc.netty.shaded.io.netty.bootstrap.ServerBootstrap;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandler;
import io.grpc.netty.shaded.io.netty.channel.ChannelInitializer;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.SocketChannel;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2FrameCodecBuilder;

/**
 * An HTTP/2 service (plain text, prior knowledge) on loopback that a test drives frame by frame: Netty's HTTP/2
 * codec, as shaded into grpc-java, followed by the test's handler, which reads and writes Netty's
 * {@code Http2*Frame}s. For behaviours no server library lets a test choose: when resets go out, which streams
 * are refused.
 */
public final class FrameLevelHttp2Service implements AutoCloseable {

    private final EventLoopGroup loop;
    private final Channel channel;

    private FrameLevelHttp2Service(EventLoopGroup loop, Channel channel) {
        this.loop = loop;
        this.channel = channel;
    }

    /**
     * @param handlers a fresh handler for each connection, placed after the codec
     * @return the service, listening
     */
    public static FrameLevelHttp2Service start(Supplier<ChannelHandler> handlers) throws InterruptedException {
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Channel channel = new ServerBootstrap()
                .group(loop)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel connection) {
                        connection.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(), handlers.get());
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .sync()
                .channel();
        return new FrameLevelHttp2Service(loop, channel);
    }

    /** @return the loopback port it listens on */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        try {
            channel.close().sync();
            loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
