package io.turnpike.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** An upstream's {@code hash-on}: its defaults, and the errors docs/configuration.md lists for it. */
class HashOnConfigTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of(), Path.of("/plugins"));

    private static String yaml(String settings) {
        return "upstreams:\n  carts:\n    targets: [{url: \"http://10.0.0.11:8080\"}]\n" + settings.indent(4);
    }

    private UpstreamConfig upstream(String settings) {
        return loader.load(yaml(settings), Path.of("/etc/turnpike")).config().upstreams().get("carts");
    }

    private List<String> errorsOf(String settings) {
        return assertThrows(ConfigException.class, () -> loader.load(yaml(settings), Path.of("/etc/turnpike"))).errors();
    }

    @Test
    void consistentHashWithoutHashOnPlacesByTheClientAddress() {
        UpstreamConfig config = upstream("balancing: consistent-hash");

        assertEquals(Balancing.CONSISTENT_HASH, config.balancing());
        assertEquals("ip", config.hashing().by());
    }

    @Test
    void aGivenCookieIsIssuedAtTheRootUnlessACookiePathIsGiven() {
        assertEquals("/", upstream("balancing: consistent-hash\nhash-on: {by: cookie, cookie: sticky}")
                .hashing().issuedCookiePath());
        assertEquals("/carts", upstream("balancing: consistent-hash\nhash-on: {by: cookie, cookie: sticky,"
                + " cookie-path: /carts}").hashing().issuedCookiePath());
    }

    @Test
    void everyMistakeIsNamedAtItsKeyAsTheDocsShow() {
        assertEquals(List.of("upstreams.carts.hash-on: applies to balancing: consistent-hash only; add it or leave"
                + " hash-on out"), errorsOf("hash-on: {by: ip}"));
        assertEquals(List.of("upstreams.carts.hash-on.by: must be ip, consumer, header, cookie, query or path, got"
                + " \"user\""), errorsOf("balancing: consistent-hash\nhash-on: {by: user}"));
        assertEquals(List.of("upstreams.carts.hash-on.query: missing; by: query needs the query parameter whose value"
                + " decides"), errorsOf("balancing: consistent-hash\nhash-on: {by: query}"));
        assertEquals(List.of("upstreams.carts.hash-on.query: \"a&b\" is not a valid query parameter name"),
                errorsOf("balancing: consistent-hash\nhash-on: {by: query, query: \"a&b\"}"));
        assertEquals(List.of("upstreams.carts.hash-on.query: is used only with by: query"),
                errorsOf("balancing: consistent-hash\nhash-on: {by: ip, query: tenant}"));
        assertEquals(List.of("upstreams.carts.hash-on.header: missing; by: header needs the header whose value decides"),
                errorsOf("balancing: consistent-hash\nhash-on: {by: header}"));
        assertEquals(List.of("upstreams.carts.hash-on.cookie: missing; by: cookie needs the cookie whose value decides"),
                errorsOf("balancing: consistent-hash\nhash-on: {by: cookie}"));
        assertEquals(List.of("upstreams.carts.hash-on.cookie: is used only with by: cookie"),
                errorsOf("balancing: consistent-hash\nhash-on: {by: header, header: X-User-Id, cookie: sticky}"));
        assertEquals(List.of("upstreams.carts.hash-on.header: \"X User\" is not a valid header name"),
                errorsOf("balancing: consistent-hash\nhash-on: {by: header, header: X User}"));
        assertEquals(List.of("upstreams.carts.hash-on.cookie: \"a;b\" is not a valid cookie name"),
                errorsOf("balancing: consistent-hash\nhash-on: {by: cookie, cookie: \"a;b\"}"));
        assertEquals(List.of("upstreams.carts.hash-on.cookie-path: must start with '/' and hold no space, ';' or"
                + " control character, got \"carts\""),
                errorsOf("balancing: consistent-hash\nhash-on: {by: cookie, cookie: sticky, cookie-path: carts}"));
        assertEquals(List.of("upstreams.carts.hash-on.cookie-path: is used only with by: cookie"),
                errorsOf("balancing: consistent-hash\nhash-on: {by: ip, cookie-path: /carts}"));
    }
}
