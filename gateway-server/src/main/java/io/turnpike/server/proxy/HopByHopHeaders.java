package io.turnpike.server.proxy;

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
        Headers.Builder kept = headers.toBuilder();
        for (String connection : headers.all("Connection")) {
            for (String named : connection.split(",")) {
                String name = named.trim();
                if (!name.isEmpty()) {
                    kept.remove(name);
                }
            }
        }
        for (String name : headers.names()) {
            if (isHopByHop(name)) {
                kept.remove(name);
            }
        }
        return kept.build();
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
