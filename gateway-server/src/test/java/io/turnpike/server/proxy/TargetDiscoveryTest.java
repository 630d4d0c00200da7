package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.turnpike.server.config.TargetConfig;
import org.junit.jupiter.api.Test;

/** One round of lookups, with the names' answers made up: what each configured target stands for. */
class TargetDiscoveryTest {

    private final Map<String, List<InetAddress>> dns = new HashMap<>();
    private final TargetDiscovery discovery = new TargetDiscovery("orders", List.of(
            new TargetConfig("http://orders.internal:8080", 1), new TargetConfig("http://10.0.0.9:8080", 2)),
            host -> {
                List<InetAddress> addresses = dns.get(host);
                if (addresses == null) {
                    throw new UnknownHostException(host);
                }
                return addresses;
            });

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    private static List<String> keys(List<Placement> placements) {
        return placements.stream().map(Placement::key).toList();
    }

    @Test
    void eachAddressOfANameIsAPlacementInAddressOrderAndAnIpTargetStandsForItself() throws Exception {
        dns.put("orders.internal", List.of(ip("10.0.0.3"), ip("10.0.0.1"), ip("10.0.0.3")));

        assertEquals(List.of("http://orders.internal:8080 @10.0.0.1", "http://orders.internal:8080 @10.0.0.3",
                "http://10.0.0.9:8080"), keys(discovery.placements(List.of())));
    }

    @Test
    void aNameThatFailsToResolveKeepsItsKnownPlacements() throws Exception {
        dns.put("orders.internal", List.of(ip("10.0.0.1")));
        List<Placement> known = discovery.placements(List.of());
        dns.clear();

        assertEquals(keys(known), keys(discovery.placements(known)));
        assertEquals(List.of("http://10.0.0.9:8080"), keys(discovery.placements(List.of())),
                "a name that never resolved has no placement yet");
    }
}
