package io.turnpike.plugins.grpctranscode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.google.api.pathtemplate.PathTemplate;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.DynamicMessage;
import io.grpc.protobuf.ProtoUtils;

/**
 * One way to reach a gRPC method over HTTP: a method and path template, and where the request and answer
 * messages go in the HTTP bodies (one {@code google.api.http} rule or additional binding, or the default
 * {@code POST /package.Service/Method}).
 *
 * @param httpMethod   the HTTP method, upper-case
 * @param path         the path template as written, for messages
 * @param template     the path template, parsed
 * @param body         where the request body goes: empty for nowhere, {@code *} for the whole request
 *                     message, or the name of one of its top-level fields
 * @param responseBody the answer's top-level field to send as the body, or empty for the whole message
 * @param method       the gRPC method
 * @param call         the method as gRPC calls it, on messages of its descriptor's types
 */
record Binding(String httpMethod, String path, PathTemplate template, String body, String responseBody,
               MethodDescriptor method, io.grpc.MethodDescriptor<DynamicMessage, DynamicMessage> call) {

    static final String WHOLE_MESSAGE = "*";

    Binding {
        Objects.requireNonNull(httpMethod, "httpMethod");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(responseBody, "responseBody");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(call, "call");
    }

    /**
     * A binding of the method: a unary or server-streaming call (client streams are never called).
     *
     * @param httpMethod   the HTTP method
     * @param path         the path template as written
     * @param template     the path template, parsed
     * @param body         where the request body goes
     * @param responseBody the answer's field to send, or empty
     * @param method       the gRPC method
     * @return the binding
     */
    static Binding of(String httpMethod, String path, PathTemplate template, String body, String responseBody,
                      MethodDescriptor method) {
        io.grpc.MethodDescriptor<DynamicMessage, DynamicMessage> call = io.grpc.MethodDescriptor
                .<DynamicMessage, DynamicMessage>newBuilder()
                .setType(method.isServerStreaming() && !method.isClientStreaming()
                        ? io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING
                        : io.grpc.MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(io.grpc.MethodDescriptor.generateFullMethodName(method.getService().getFullName(),
                        method.getName()))
                .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getInputType())))
                .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getOutputType())))
                .build();
        return new Binding(httpMethod, path, template, body, responseBody, method, call);
    }

    /** Whether the template ends in a custom verb, such as {@code :cancel}: such paths are tried first. */
    boolean hasVerb() {
        int lastSlash = path.lastIndexOf('/');
        int lastBrace = path.lastIndexOf('}');
        return path.indexOf(':', Math.max(lastSlash, lastBrace)) >= 0;
    }

    /**
     * The path's variables, if the template matches it.
     *
     * @param requestPath the request's path
     * @return each variable's field path and value, decoded; null when the path does not match
     */
    Map<String, String> match(String requestPath) {
        Map<String, String> matched;
        try {
            matched = template.matchFromFullName(requestPath);
        } catch (RuntimeException e) {
            return null;    // a path the template's parser cannot take matches nothing
        }
        if (matched == null) {
            return null;
        }
        Map<String, String> variables = new LinkedHashMap<>();
        // '$'-keys are the template library's own: the host name and unnamed wildcards
        matched.forEach((name, value) -> {
            if (!name.startsWith("$")) {
                variables.put(name, value);
            }
        });
        return variables;
    }

    /** {@code GET /v1/orders/{id}}: how messages name the binding. */
    @Override
    public String toString() {
        return httpMethod + " " + path;
    }
}
