package io.turnpike.server.proxy;

import java.util.ArrayList;
import java.util.List;

import io.turnpike.api.Headers;

/**
 * The RFC 9110 §7.6.1 rule: fields that describe one connection are never forwarded to the next.
 * That is Connection, every field Connection names, Keep-Alive, TE, Transfer-Encoding, Upgrade, Trailer
 * and the Proxy-* fields.
 */
final class HopByHopHeaders {

    private static final String[] FIXED = {"Connection", "Keep-Alive", "TE", "Transfer-Encoding", "Upgrade", "Trailer"};

    private HopByHopHeaders() {
    }

    /**
     * The fields that may cross the gateway.
     *
     * @param headers the fields as received
     * @return those fields without the hop-by-hop ones; the same instance when there were none
     */
    static Headers strip(Headers headers) {
        boolean[] found = {false};
        headers.forEach((name, value) -> found[0] |= isHopByHop(name));
        if (!found[0]) {
            return headers;
        }
        List<String> named = connectionNames(headers.all("Connection"));
        Headers.Builder kept = headers.toBuilder();
        for (String name : headers.names()) {
            if (excluded(name, named)) {
                kept.remove(name);
            }
        }
        return kept.build();
    }

    /**
     * @param connectionValues the values of a message's Connection fields
     * @return the field names they list (such as {@code keep-alive}); empty when there are none
     */
    static List<String> connectionNames(List<String> connectionValues) {
        if (connectionValues.isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>(2);
        for (String connection : connectionValues) {
            for (String named : connection.split(",")) {
                String name = named.trim();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /**
     * @param name            a field's name
     * @param connectionNames what {@link #connectionNames} found in the same message
     * @return whether the field stays on this hop
     */
    static boolean excluded(String name, List<String> connectionNames) {
        if (isHopByHop(name)) {
            return true;
        }
        for (String named : connectionNames) {
            if (named.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    static boolean isHopByHop(String name) {
        for (String fixed : FIXED) {
            if (fixed.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return name.regionMatches(true, 0, "Proxy-", 0, 6);
    }
}
