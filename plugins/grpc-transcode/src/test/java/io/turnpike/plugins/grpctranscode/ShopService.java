package io.turnpike.plugins.grpctranscode;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import com.google.protobuf.Empty;
import com.google.protobuf.Message;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.turnpike.plugins.grpctranscode.shop.CancelOrderRequest;
import io.turnpike.plugins.grpctranscode.shop.CreateOrderRequest;
import io.turnpike.plugins.grpctranscode.shop.DeleteOrderRequest;
import io.turnpike.plugins.grpctranscode.shop.GetOrderRequest;
import io.turnpike.plugins.grpctranscode.shop.ListOrdersRequest;
import io.turnpike.plugins.grpctranscode.shop.ListOrdersResponse;
import io.turnpike.plugins.grpctranscode.shop.Order;
import io.turnpike.plugins.grpctranscode.shop.PingReply;
import io.turnpike.plugins.grpctranscode.shop.PingRequest;

/**
 * The shop's {@code shop.v1.Orders} service of {@code orders.proto}, served by a real gRPC server on a loopback
 * port. It holds order 7 of customer ada; {@code Ping} echoes its text with the metadata it received, but never
 * answers {@code "hang"} (the call ends when its caller's deadline cancels it). Every answer carries the header
 * metadata
 * {@code x-shop-region: eu}.
 */
final class ShopService implements AutoCloseable {

    static final Order ORDER_7 = Order.newBuilder().setId("7").setCustomer("ada").addItems("kettle")
            .addItems("teapot").setTotalCents(4_200L).setStatus(Order.Status.PLACED).build();
    private static final Context.Key<Metadata> RECEIVED = Context.key("received-metadata");
    private static final Metadata.Key<String> REGION = Metadata.Key.of("x-shop-region",
            Metadata.ASCII_STRING_MARSHALLER);

    private final Map<String, Order> orders = new ConcurrentHashMap<>(Map.of("7", ORDER_7));
    private final Server server;

    private ShopService(File certificateChain, File privateKey) {
        ServerServiceDefinition service = ServerServiceDefinition.builder("shop.v1.Orders")
                .addMethod(unary("GetOrder", GetOrderRequest.getDefaultInstance(), Order.getDefaultInstance(),
                        this::getOrder))
                .addMethod(unary("ListOrders", ListOrdersRequest.getDefaultInstance(),
                        ListOrdersResponse.getDefaultInstance(), this::listOrders))
                .addMethod(unary("CreateOrder", CreateOrderRequest.getDefaultInstance(), Order.getDefaultInstance(),
                        this::createOrder))
                .addMethod(unary("CancelOrder", CancelOrderRequest.getDefaultInstance(), Order.getDefaultInstance(),
                        this::cancelOrder))
                .addMethod(unary("DeleteOrder", DeleteOrderRequest.getDefaultInstance(), Empty.getDefaultInstance(),
                        this::deleteOrder))
                .addMethod(unary("Ping", PingRequest.getDefaultInstance(), PingReply.getDefaultInstance(),
                        ShopService::ping))
                .addMethod(serverStreaming("WatchOrder", GetOrderRequest.getDefaultInstance(),
                        Order.getDefaultInstance(), this::watchOrder))
                .build();
        try {
            NettyServerBuilder builder = NettyServerBuilder
                    .forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .addService(ServerInterceptors.intercept(service, new MetadataBothWays()));
            if (certificateChain != null) {
                builder.useTransportSecurity(certificateChain, privateKey);
            }
            server = builder.build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ShopService start() {
        return new ShopService(null, null);
    }

    /** The service over TLS, with the given PEM certificate chain and PKCS#8 key. */
    static ShopService startTls(Path certificateChain, Path privateKey) {
        return new ShopService(certificateChain.toFile(), privateKey.toFile());
    }

    /** Where the service listens, as the plugin's {@code target} takes it. */
    String target() {
        return "127.0.0.1:" + server.getPort();
    }

    private void getOrder(GetOrderRequest request, StreamObserver<Order> answer) {
        Order order = orders.get(request.getId());
        if (order == null) {
            answer.onError(Status.NOT_FOUND.withDescription("order " + request.getId() + " does not exist")
                    .asRuntimeException());
            return;
        }
        reply(answer, order);
    }

    private void listOrders(ListOrdersRequest request, StreamObserver<ListOrdersResponse> answer) {
        ListOrdersResponse.Builder found = ListOrdersResponse.newBuilder();
        orders.values().stream()
                .filter(order -> order.getCustomer().equals(request.getCustomer()))
                .filter(order -> request.getStatusList().isEmpty()
                        || request.getStatusList().contains(order.getStatus()))
                .limit(request.getPageSize() == 0 ? Long.MAX_VALUE : request.getPageSize())
                .forEach(found::addOrders);
        reply(answer, found.build());
    }

    private void createOrder(CreateOrderRequest request, StreamObserver<Order> answer) {
        if (request.getOrder().getItemsCount() == 0) {
            answer.onError(Status.INVALID_ARGUMENT.withDescription("an order needs at least one item")
                    .asRuntimeException());
            return;
        }
        Order order = request.getOrder().toBuilder().setId(Integer.toString(100 + orders.size()))
                .setCustomer(request.getCustomer()).setStatus(Order.Status.PLACED).build();
        orders.put(order.getId(), order);
        reply(answer, order);
    }

    private void cancelOrder(CancelOrderRequest request, StreamObserver<Order> answer) {
        Order order = orders.get(request.getId());
        if (order == null) {
            answer.onError(Status.NOT_FOUND.withDescription("order " + request.getId() + " does not exist")
                    .asRuntimeException());
            return;
        }
        reply(answer, order.toBuilder().setStatus(Order.Status.CANCELLED).setCancelReason(request.getReason()).build());
    }

    private void deleteOrder(DeleteOrderRequest request, StreamObserver<Empty> answer) {
        reply(answer, Empty.getDefaultInstance());
    }

    /**
     * The order as placed, then cancelled. Order 8 does not exist; order "broken" sends one message, then
     * fails the stream.
     */
    private void watchOrder(GetOrderRequest request, StreamObserver<Order> answer) {
        if (request.getId().equals("broken")) {
            answer.onNext(ORDER_7);
            answer.onError(Status.INTERNAL.withDescription("the order store went away").asRuntimeException());
            return;
        }
        Order order = orders.get(request.getId());
        if (order == null) {
            answer.onError(Status.NOT_FOUND.withDescription("order " + request.getId() + " does not exist")
                    .asRuntimeException());
            return;
        }
        answer.onNext(order);
        answer.onNext(order.toBuilder().setStatus(Order.Status.CANCELLED).build());
        answer.onCompleted();
    }

    private static void ping(PingRequest request, StreamObserver<PingReply> answer) {
        if (request.getText().equals("hang")) {
            return;     // no answer: gRPC ends the call when the caller cancels it
        }
        PingReply.Builder reply = PingReply.newBuilder().setText(request.getText());
        Metadata received = RECEIVED.get();
        for (String key : received.keys()) {
            if (!key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                reply.putMetadata(key, String.join(",", received.getAll(
                        Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER))));
            }
        }
        reply(answer, reply.build());
    }

    private static <A> void reply(StreamObserver<A> answer, A message) {
        answer.onNext(message);
        answer.onCompleted();
    }

    private static <Q extends Message, A extends Message> io.grpc.ServerMethodDefinition<Q, A> unary(
            String name, Q request, A answer, BiConsumer<Q, StreamObserver<A>> implementation) {
        return io.grpc.ServerMethodDefinition.create(method(name, MethodDescriptor.MethodType.UNARY, request, answer),
                ServerCalls.asyncUnaryCall(implementation::accept));
    }

    private static <Q extends Message, A extends Message> io.grpc.ServerMethodDefinition<Q, A> serverStreaming(
            String name, Q request, A answer, BiConsumer<Q, StreamObserver<A>> implementation) {
        return io.grpc.ServerMethodDefinition.create(
                method(name, MethodDescriptor.MethodType.SERVER_STREAMING, request, answer),
                ServerCalls.asyncServerStreamingCall(implementation::accept));
    }

    private static <Q extends Message, A extends Message> MethodDescriptor<Q, A> method(
            String name, MethodDescriptor.MethodType type, Q request, A answer) {
        return MethodDescriptor.<Q, A>newBuilder()
                .setType(type)
                .setFullMethodName(MethodDescriptor.generateFullMethodName("shop.v1.Orders", name))
                .setRequestMarshaller(ProtoUtils.marshaller(request))
                .setResponseMarshaller(ProtoUtils.marshaller(answer))
                .build();
    }

    /** Hands the received metadata to the methods, and sends {@code x-shop-region} with every answer. */
    private static final class MetadataBothWays implements ServerInterceptor {
        @Override
        public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                                                           ServerCallHandler<Q, A> next) {
            ServerCall<Q, A> withRegion = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
                @Override
                public void sendHeaders(Metadata answerHeaders) {
                    answerHeaders.put(REGION, "eu");
                    super.sendHeaders(answerHeaders);
                }
            };
            return Contexts.interceptCall(Context.current().withValue(RECEIVED, headers), withRegion, headers, next);
        }
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
