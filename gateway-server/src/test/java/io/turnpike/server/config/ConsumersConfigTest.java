package io.turnpike.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The checks on consumers that need no plugin: names, groups, header names, anonymous references. */
class ConsumersConfigTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of(), Path.of("/plugins"));

    @Test
    void consumersAndTheirDefaultsBind() {
        GatewayConfig config = loader.load("consumers: [{name: alice, groups: [gold]}]", Path.of("/etc")).config();

        assertEquals("alice", config.consumers().getFirst().name());
        assertEquals(List.of("gold"), config.consumers().getFirst().groups());
        assertEquals("X-Consumer-Name", config.consumerHeaders().name());
        assertEquals("X-Consumer-Groups", config.consumerHeaders().groups());
    }

    @Test
    void aDuplicateConsumerNameIsAnError() {
        assertEquals(List.of("consumers[1].name: \"alice\" is already the name of consumers[0]"),
                errorsOf("consumers: [{name: alice}, {name: alice}]"));
    }

    @Test
    void aMissingConsumerNameIsAnError() {
        assertEquals(List.of("consumers[0].name: missing; every consumer needs a unique name"),
                errorsOf("consumers: [{groups: [gold]}]"));
    }

    @Test
    void aGroupWithACommaIsAnErrorSinceGroupsTravelCommaSeparated() {
        assertEquals(List.of("consumers[0].groups[0]: may hold only letters, digits, '.', '_' and '-', got \"a,b\""),
                errorsOf("consumers: [{name: alice, groups: ['a,b']}]"));
    }

    @Test
    void anonymousMustNameAConsumer() {
        assertEquals(List.of("routes[0].anonymous: no consumer is named \"ghost\"; declare it under consumers:"),
                errorsOf("""
                        upstreams: {u: {targets: [{url: "http://127.0.0.1:9001"}]}}
                        routes: [{id: r, match: {path: /}, upstream: u, anonymous: ghost}]
                        """));
    }

    @Test
    void consumerHeaderNamesMustBeHeaderNamesAndDiffer() {
        assertEquals(List.of("consumer-headers.name: not a valid header name, got \"X Name\""),
                errorsOf("consumer-headers: {name: X Name}"));
        assertEquals(List.of("consumer-headers.groups: must differ from consumer-headers.name"),
                errorsOf("consumer-headers: {name: X-Who, groups: x-who}"));
    }

    @Test
    void aConsumerPrintsNoCredentials() {
        GatewayConfig config = loader.load("consumers: [{name: a, credentials: {key-auth: [{key: s3cret}]}}]", Path.of("/etc"))
                .config();

        assertEquals(false, config.consumers().getFirst().toString().contains("s3cret"));
    }

    private List<String> errorsOf(String yaml) {
        return assertThrows(ConfigException.class, () -> loader.load(yaml, Path.of("/etc"))).errors();
    }
}
