package io.turnpike.plugins.responsecache;

import io.turnpike.api.Request;

/** Whether a request may use the cache at all, decided from the request alone. */
enum Bypass {
    /** Look up, and store the answer on a miss. */
    NONE,
    /** The client asked for a fresh answer ({@code no-cache}): skip the lookup, but store the answer. */
    REFRESH,
    /** Neither look up nor store. */
    PASS;

    static Bypass of(Request request, boolean authenticated, Settings settings) {
        if (!settings.methods().contains(request.method())) {
            return PASS;
        }
        // A request to switch to WebSocket wants the switch, which no stored answer is.
        if (request.headers().contains("Upgrade")) {
            return PASS;
        }
        // A range is a part of the resource: passed on whole, the upstream answers it better than a cache that
        // stores only whole answers.
        if (request.headers().contains("Range")) {
            return PASS;
        }
        // RFC 9111 section 3.5: a shared cache does not store answers to requests with credentials; on a route
        // with consumers the key holds the consumer and the credential instead (Keys.primary).
        if (!authenticated && !settings.storeAuthorized() && request.headers().contains("Authorization")) {
            return PASS;
        }
        if (!settings.allowClientBypass()) {
            return NONE;
        }
        CacheControl control = CacheControl.of(request.headers().all("Cache-Control"));
        if (control.has("no-store")) {
            return PASS;
        }
        boolean pragmaNoCache = !request.headers().contains("Cache-Control")
                && request.headers().all("Pragma").stream().anyMatch(p -> p.strip().equalsIgnoreCase("no-cache"));
        return control.has("no-cache") || pragmaNoCache ? REFRESH : NONE;
    }
}
