package io.turnpike.server.config;

/**
 * An upstream's {@code hash-on}: what a {@code consistent-hash} upstream hashes each request by, so that the same
 * client, user or resource reaches the same target while the targets stay the same.
 *
 * @param by         {@code ip} (the default: the client's address), {@code consumer} (the authenticated consumer,
 *                   else the address), {@code header} (a header's value, else the address), {@code cookie} (a
 *                   cookie's value; a client without it is given one), {@code query} (a query parameter's value,
 *                   else the address) or {@code path} (the request's path)
 * @param header     with {@code by: header}, the header whose value decides
 * @param cookie     with {@code by: cookie}, the cookie whose value decides
 * @param query      with {@code by: query}, the query parameter whose value decides
 * @param cookiePath with {@code by: cookie}, the {@code Path} of the cookie the gateway gives; default {@code /}
 */
public record HashOnConfig(String by, String header, String cookie, String query, String cookiePath) {

    /** Hashing by the client's address. */
    public static final HashOnConfig DEFAULT = new HashOnConfig(null, null, null, null, null);

    /** Applies the default of {@code by}; {@code cookie-path} stays null when not given, so that it can be checked. */
    public HashOnConfig {
        by = by == null ? "ip" : by;
    }

    /** @return the path of an issued cookie: {@code cookie-path}, or {@code /} */
    public String issuedCookiePath() {
        return cookiePath == null ? "/" : cookiePath;
    }
}
