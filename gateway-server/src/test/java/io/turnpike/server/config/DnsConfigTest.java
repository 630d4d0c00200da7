package io.turnpike.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** An upstream's {@code dns} block: its default, and the errors docs/configuration.md lists for it. */
class DnsConfigTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of(), Path.of("/plugins"));

    private static String yaml(String url, String settings) {
        return "upstreams:\n  orders:\n    targets: [{url: \"" + url + "\"}]\n" + settings.indent(4);
    }

    private UpstreamConfig upstream(String settings) {
        return loader.load(yaml("http://orders.internal:8080", settings), Path.of("/etc/turnpike")).config()
                .upstreams().get("orders");
    }

    private List<String> errorsOf(String url, String settings) {
        return assertThrows(ConfigException.class,
                () -> loader.load(yaml(url, settings), Path.of("/etc/turnpike"))).errors();
    }

    @Test
    void withoutTheBlockNamesAreLookedUpPerConnection() {
        assertNull(upstream("").dns());
    }

    @Test
    void anEmptyBlockRefreshesEveryFiveSeconds() {
        assertEquals(Duration.ofSeconds(5), upstream("dns: {}").dns().refresh());
        assertEquals(Duration.ofSeconds(30), upstream("dns: {refresh: 30s}").dns().refresh());
    }

    @Test
    void theRefreshIsASecondToAnHour() {
        assertEquals(List.of("upstreams.orders.dns.refresh: must be 1s to 1h, was 500ms"),
                errorsOf("http://orders.internal", "dns: {refresh: 500ms}"));
        assertEquals(List.of("upstreams.orders.dns.refresh: must be 1s to 1h, was 7200000ms"),
                errorsOf("http://orders.internal", "dns: {refresh: 2h}"));
    }

    @Test
    void anUpstreamOfIpAddressesHasNothingToLookUp() {
        assertEquals(List.of("upstreams.orders.dns: every target is an IP address, so there is no name to look up;"
                + " leave dns out"), errorsOf("http://[::1]:8080", "dns: {}"));
    }
}
