package io.turnpike.plugins.grpctranscode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.util.JsonFormat;
import io.turnpike.api.ProblemException;
import io.turnpike.api.Request;

/**
 * Makes a gRPC request message of an HTTP request, as its binding says: the body (whole, or as one field),
 * then the query's parameters as fields, then the path's variables. All three are gathered in one JSON
 * object, so that proto3's JSON mapping (by {@link JsonFormat}) converts every value, with its errors.
 */
final class RequestMessages {

    private static final Set<String> ONE_VALUE_TYPES = Set.of("google.protobuf.DoubleValue",
            "google.protobuf.FloatValue", "google.protobuf.Int64Value", "google.protobuf.UInt64Value",
            "google.protobuf.Int32Value", "google.protobuf.UInt32Value", "google.protobuf.BoolValue",
            "google.protobuf.StringValue", "google.protobuf.BytesValue", "google.protobuf.Timestamp",
            "google.protobuf.Duration", "google.protobuf.FieldMask");

    private final ObjectMapper json = new ObjectMapper();
    private final JsonFormat.Parser parser;
    private final int maxBodySize;

    /**
     * @param parser      the JSON parser, with the route's options
     * @param maxBodySize the largest request body read, in bytes
     */
    RequestMessages(JsonFormat.Parser parser, int maxBodySize) {
        this.parser = parser;
        this.maxBodySize = maxBodySize;
    }

    /**
     * The request message.
     *
     * @param match   the request's binding and path variables
     * @param request the HTTP request
     * @return the message
     * @throws ProblemException 400, 413 or 415 when the request cannot make a message, saying why
     */
    DynamicMessage build(BindingTable.Match match, Request request) {
        Binding binding = match.binding();
        Descriptor type = binding.method().getInputType();
        ObjectNode fields = body(binding, request);
        if (!binding.body().equals(Binding.WHOLE_MESSAGE)) {
            query(type, request.query(), fields);
        }
        match.variables().forEach((path, value) -> set(fields, FieldPaths.resolve(type, path), TextNode.valueOf(value),
                "the path's {" + path + "}"));
        DynamicMessage.Builder message = DynamicMessage.newBuilder(type);
        try {
            parser.merge(json.writeValueAsString(fields), message);
        } catch (IOException e) {     // InvalidProtocolBufferException: a value JSON's mapping does not take
            throw new ProblemException(400, "The request does not fit " + type.getFullName() + ": " + e.getMessage());
        }
        return message.build();
    }

    private ObjectNode body(Binding binding, Request request) {
        if (binding.body().isEmpty() || request.body().length() == 0) {
            return json.createObjectNode();
        }
        String contentType = request.headers().first("Content-Type").orElse("application/json");
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
            throw new ProblemException(415, "This route takes JSON bodies, not " + mediaType + ".");
        }
        byte[] bytes = request.body().bytes(maxBodySize);
        if (bytes.length == 0) {
            return json.createObjectNode();
        }
        JsonNode body;
        try {
            body = json.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ProblemException(400, "The body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (binding.body().equals(Binding.WHOLE_MESSAGE)) {
            if (!body.isObject()) {
                throw new ProblemException(400, "The body must be a JSON object, the fields of "
                        + binding.method().getInputType().getFullName() + ".");
            }
            return (ObjectNode) body;
        }
        ObjectNode fields = json.createObjectNode();
        fields.set(binding.body(), body);
        return fields;
    }

    private static void query(Descriptor type, String query, ObjectNode fields) {
        if (query.isEmpty()) {
            return;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            List<FieldDescriptor> path = FieldPaths.resolve(type, name);
            if (path.isEmpty()) {
                throw new ProblemException(400, "The query parameter '" + name + "' is not a field of "
                        + type.getFullName() + ".");
            }
            set(fields, path, TextNode.valueOf(value), "the query parameter '" + name + "'");
        }
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(400, "The query is not validly percent-encoded.");
        }
    }

    /** Sets a value at a field path, making the messages on the way; a repeated field gathers its values. */
    private static void set(ObjectNode fields, List<FieldDescriptor> path, TextNode value, String source) {
        ObjectNode message = fields;
        for (FieldDescriptor step : path.subList(0, path.size() - 1)) {
            JsonNode inner = message.get(step.getName());
            if (inner == null) {
                inner = message.putObject(step.getName());
            } else if (!inner.isObject()) {
                throw new ProblemException(400, "The field '" + step.getName() + "' is given twice, by "
                        + source + " and as a value.");
            }
            message = (ObjectNode) inner;
        }
        FieldDescriptor leaf = path.getLast();
        if (leaf.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !writtenAsOneValue(leaf)) {
            throw new ProblemException(400, "The field '" + leaf.getName() + "', named by " + source
                    + ", holds a message, not a single value.");
        }
        if (leaf.isRepeated()) {
            JsonNode values = message.get(leaf.getName());
            (values instanceof ArrayNode array ? array : message.putArray(leaf.getName())).add(value);
        } else {
            message.set(leaf.getName(), value);
        }
    }

    /** Well-known types written as a single JSON string: wrappers, timestamps, durations, field masks. */
    private static boolean writtenAsOneValue(FieldDescriptor field) {
        return ONE_VALUE_TYPES.contains(field.getMessageType().getFullName());
    }
}
