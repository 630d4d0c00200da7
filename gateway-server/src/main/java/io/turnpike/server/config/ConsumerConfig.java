package io.turnpike.server.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of the top-level {@code consumers:} list: a caller that authentication plugins can recognise.
 * The credentials stay unbound trees here: each authentication plugin binds its own entries to its
 * credential type once the plugins are loaded.
 *
 * @param name        the consumer's unique name, sent upstream in {@code X-Consumer-Name}
 * @param groups      the groups it belongs to, for acl and upstream's {@code X-Consumer-Groups}
 * @param credentials per authentication plugin name, that plugin's credentials, in file order
 */
public record ConsumerConfig(String name, List<String> groups, Map<String, List<JsonNode>> credentials) {

    public ConsumerConfig {
        groups = groups == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(groups));
        Map<String, List<JsonNode>> copy = new LinkedHashMap<>();
        if (credentials != null) {
            credentials.forEach((method, list) -> copy.put(method, list == null ? List.of() : List.copyOf(list)));
        }
        credentials = Collections.unmodifiableMap(copy);
    }

    /** Never shows the credentials, which hold secrets. */
    @Override
    public String toString() {
        return "ConsumerConfig[name=" + name + ", groups=" + groups + ", credentials=" + credentials.keySet() + "]";
    }
}
