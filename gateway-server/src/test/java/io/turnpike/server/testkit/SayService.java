package io.turnpike.server.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import com.google.protobuf.StringValue;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;

/** A real gRPC service (grpc-java on Netty, loopback, an ephemeral port) with one unary method, test.Echo/Say. */
public final class SayService {

    /** The method: a string in, a string out. */
    public static final MethodDescriptor<StringValue, StringValue> SAY = MethodDescriptor
            .<StringValue, StringValue>newBuilder(ProtoUtils.marshaller(StringValue.getDefaultInstance()),
                    ProtoUtils.marshaller(StringValue.getDefaultInstance()))
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName("test.Echo", "Say"))
            .build();

    private SayService() {
    }

    /**
     * Starts the service.
     *
     * @param say what a call does
     * @return the running server; shut it down when done
     */
    public static Server start(ServerCalls.UnaryMethod<StringValue, StringValue> say) {
        try {
            return NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .addService(ServerServiceDefinition.builder("test.Echo")
                            .addMethod(ServerMethodDefinition.create(SAY, ServerCalls.asyncUnaryCall(say)))
                            .build())
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
