package io.turnpike.plugins.grpctranscode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.turnpike.api.Body;
import io.turnpike.api.Chain;
import io.turnpike.api.Exchange;
import io.turnpike.api.Filter;
import io.turnpike.api.Headers;
import io.turnpike.api.ProblemException;
import io.turnpike.api.Request;
import io.turnpike.api.Response;

/**
 * One route's transcoder: finds the gRPC method a request is bound to, makes its message, calls the service
 * with a deadline, and answers its message as JSON, or its error as a problem. Requests no binding takes are
 * passed on. Thread-safe; its channel is shared by every request on the route and closed with the filter.
 */
final class GrpcTranscodeFilter implements Filter {

    private static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("x-request-id",
            Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> FORWARDED_FOR = Metadata.Key.of("x-forwarded-for",
            Metadata.ASCII_STRING_MARSHALLER);

    private final ObjectMapper json = new ObjectMapper();
    private final BindingTable bindings;
    private final RequestMessages requests;
    private final JsonFormat.Printer printer;
    private final Duration timeout;
    private final ServiceChannel channel;

    /**
     * @param bindings the route's bindings
     * @param requests makes request messages
     * @param printer  writes answer messages as JSON
     * @param timeout  each call's deadline
     * @param channel  the channel to the service; closed with this filter
     */
    GrpcTranscodeFilter(BindingTable bindings, RequestMessages requests, JsonFormat.Printer printer, Duration timeout,
                        ServiceChannel channel) {
        this.bindings = bindings;
        this.requests = requests;
        this.printer = printer;
        this.timeout = timeout;
        this.channel = channel;
    }

    @Override
    public Response handle(Exchange exchange, Chain chain) {
        Request request = chain.request();
        BindingTable.Match match = bindings.find(request.method(), request.path()).orElse(null);
        if (match == null) {
            Set<String> allowed = bindings.methodsAt(request.path());
            if (allowed.isEmpty()) {
                return chain.proceed();
            }
            throw new ProblemException(405, "Method Not Allowed", request.path() + " takes "
                    + String.join(", ", allowed) + ", not " + request.method() + ".",
                    Headers.of("Allow", String.join(", ", allowed)));
        }
        MethodDescriptor method = match.binding().method();
        if (method.isClientStreaming()) {
            throw new ProblemException(501, method.getFullName() + " takes a stream of requests, which one HTTP"
                    + " request cannot be; only unary and server-streaming methods are transcoded.");
        }
        DynamicMessage message = requests.build(match, request);
        Metadata metadata = MetadataHeaders.metadata(request.headers());
        // the gateway's own say, in place of whatever the client sent under these names
        replace(metadata, REQUEST_ID, exchange.requestId());
        replace(metadata, FORWARDED_FOR, exchange.clientAddress().getHostAddress());
        return method.isServerStreaming()
                ? stream(exchange, match.binding(), message, metadata)
                : call(exchange, match.binding(), message, metadata);
    }

    /** The call's status, for the gateway's log, metrics and traces: they see only the HTTP answer made of it. */
    private static void ended(Exchange exchange, int code) {
        exchange.setAttribute(Exchange.GRPC_STATUS, Integer.toString(code));
    }

    private static void replace(Metadata metadata, Metadata.Key<String> key, String value) {
        metadata.removeAll(key);
        metadata.put(key, value);
    }

    private Response call(Exchange exchange, Binding binding, DynamicMessage message, Metadata metadata) {
        AtomicReference<Metadata> headers = new AtomicReference<>();
        AtomicReference<Metadata> trailers = new AtomicReference<>();
        Channel intercepted = withMetadata(metadata, headers, trailers);
        DynamicMessage answer;
        try {
            answer = ClientCalls.blockingUnaryCall(intercepted, binding.call(), deadline(), message);
        } catch (StatusRuntimeException e) {
            ended(exchange, e.getStatus().getCode().value());
            throw problem(e.getStatus());
        }
        ended(exchange, Status.Code.OK.value());
        byte[] body = body(binding, answer);
        Headers.Builder fields = Headers.builder();
        MetadataHeaders.addTo(headers.get(), fields);
        MetadataHeaders.addTo(trailers.get(), fields);
        fields.set("Content-Type", "application/json");
        fields.set("Content-Length", Integer.toString(body.length));
        return new Response(200, fields.build(), Body.of(body));
    }

    /**
     * A server-streaming call, answered as a JSON array that is written as the messages arrive. The first
     * message is awaited here, so that a call the service refuses at once gets its own status.
     */
    private Response stream(Exchange exchange, Binding binding, DynamicMessage message, Metadata metadata) {
        AtomicReference<Metadata> headers = new AtomicReference<>();
        Channel intercepted = withMetadata(metadata, headers, new AtomicReference<>());
        // the call belongs to this context, so that closing the answer's body cancels it
        Context.CancellableContext call = Context.current().withCancellation();
        Context previous = call.attach();
        Iterator<DynamicMessage> messages;
        DynamicMessage first;
        try {
            messages = ClientCalls.blockingServerStreamingCall(intercepted, binding.call(), deadline(), message);
            first = messages.hasNext() ? messages.next() : null;
        } catch (StatusRuntimeException e) {
            call.close();
            ended(exchange, e.getStatus().getCode().value());
            throw problem(e.getStatus());
        } finally {
            call.detach(previous);
        }
        Headers.Builder fields = Headers.builder();
        MetadataHeaders.addTo(headers.get(), fields);
        fields.set("Content-Type", "application/json");
        return new Response(200, fields.build(),
                Body.of(new JsonArrayStream(first, messages, answer -> body(binding, answer), call,
                        code -> ended(exchange, code)), -1));
    }

    /** The channel for one call: it sends the request's metadata, and keeps what the service sends back. */
    private Channel withMetadata(Metadata metadata, AtomicReference<Metadata> headers,
                                 AtomicReference<Metadata> trailers) {
        return ClientInterceptors.intercept(channel.channel(), MetadataUtils.newAttachHeadersInterceptor(metadata),
                MetadataUtils.newCaptureMetadataInterceptor(headers, trailers));
    }

    private CallOptions deadline() {
        return CallOptions.DEFAULT.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The answer message as JSON, or only its field the binding's response body names. */
    private byte[] body(Binding binding, DynamicMessage answer) {
        try {
            String printed = printer.print(answer);
            if (binding.responseBody().isEmpty()) {
                return printed.getBytes(StandardCharsets.UTF_8);
            }
            FieldDescriptor field = answer.getDescriptorForType().findFieldByName(binding.responseBody());
            JsonNode whole = json.readTree(printed);
            JsonNode value = whole.has(field.getName()) ? whole.get(field.getName()) : whole.get(field.getJsonName());
            if (value == null) {    // a field at its default value, left out of the JSON
                value = field.isRepeated() ? json.createArrayNode()
                        : field.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? json.createObjectNode()
                        : json.nullNode();
            }
            return json.writeValueAsBytes(value);
        } catch (InvalidProtocolBufferException e) {
            // an Any holding a type the descriptor set does not declare
            throw new ProblemException(502, "The service's answer cannot be written as JSON: " + e.getMessage());
        } catch (IOException e) {
            throw new ProblemException(502, "The service's answer cannot be written as JSON.");
        }
    }

    /** The service's error, as the HTTP status that means the same; gRPC's code stays in {@code grpc-status}. */
    private static ProblemException problem(Status status) {
        String detail = status.getDescription() == null || status.getDescription().isBlank()
                ? "The service answered " + status.getCode() + "."
                : status.getDescription();
        return new ProblemException(HttpStatuses.of(status.getCode()), "gRPC status " + status.getCode(), detail,
                Headers.of("grpc-status", Integer.toString(status.getCode().value())));
    }

    @Override
    public void close() {
        channel.close();
    }
}
