package io.turnpike.plugins.requestvalidator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.api.Headers;
import io.turnpike.api.ProblemException;

/**
 * A request's query parameters and headers as the JSON objects their schemas describe: each name holds its value as
 * a string, or, when given more than once, an array of its values in order.
 */
final class RequestParts {

    private RequestParts() {
    }

    /**
     * @param query the raw query string, without {@code ?}
     * @return the parameters, by decoded name
     * @throws ProblemException 400 when a name or value is not valid percent-encoded UTF-8
     */
    static ObjectNode query(String query) {
        ObjectNode parameters = JsonNodeFactory.instance.objectNode();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            put(parameters, name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return parameters;
    }

    /**
     * @param headers the request's headers
     * @return the headers, by lower-case name
     */
    static ObjectNode headers(Headers headers) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        headers.forEach((name, value) -> put(fields, name.toLowerCase(Locale.ROOT), value));
        return fields;
    }

    private static void put(ObjectNode object, String name, String value) {
        JsonNode seen = object.get(name);
        if (seen == null) {
            object.put(name, value);
        } else if (seen instanceof ArrayNode values) {
            values.add(value);
        } else {
            object.putArray(name).add(seen).add(value);
        }
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(400, "The query string is not valid percent-encoding.");
        }
    }
}
