package io.turnpike.plugins.iprestriction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import io.turnpike.api.AttributeKey;
import io.turnpike.api.Body;
import io.turnpike.api.Chain;
import io.turnpike.api.ConfigError;
import io.turnpike.api.Consumer;
import io.turnpike.api.Exchange;
import io.turnpike.api.Filter;
import io.turnpike.api.Headers;
import io.turnpike.api.IpRange;
import io.turnpike.api.Phase;
import io.turnpike.api.ProblemException;
import io.turnpike.api.Request;
import io.turnpike.api.Response;
import org.junit.jupiter.api.Test;

class IpRestrictionFilterTest {

    private final IpRestrictionPlugin plugin = new IpRestrictionPlugin();

    @Test
    void anAllowListLetsOnlyItsAddressesThrough() {
        Filter filter = filter(List.of("192.0.2.0/24"), List.of());

        assertEquals(200, status(filter, "192.0.2.9"));
        assertEquals(403, status(filter, "198.51.100.1"));
    }

    @Test
    void aDenyListAloneRefusesOnlyItsAddresses() {
        Filter filter = filter(List.of(), List.of("198.51.100.0/24", "2001:db8::/32"));

        assertEquals(403, status(filter, "198.51.100.1"));
        assertEquals(403, status(filter, "2001:db8::1"));
        assertEquals(200, status(filter, "192.0.2.9"));
    }

    @Test
    void denyWinsOverAllow() {
        Filter filter = filter(List.of("10.0.0.0/8"), List.of("10.0.13.7"));

        assertEquals(403, status(filter, "10.0.13.7"));
        assertEquals(200, status(filter, "10.0.13.8"));
    }

    @Test
    void anIpv4RangeMatchesAClientSeenAsAnIpv4MappedIpv6Address() {
        assertEquals(200, status(filter(List.of("192.0.2.0/24"), List.of()), "::ffff:192.0.2.9"));
    }

    @Test
    void bothListsEmptyIsAConfigError() {
        assertEquals(List.of(new ConfigError("", "needs at least one entry in allow or deny, such as allow: [10.0.0.0/8]")),
                plugin.validate(new IpRestrictionConfig(null, null)));
    }

    @Test
    void everyBadEntryIsReportedAtItsIndex() {
        List<ConfigError> errors = plugin.validate(new IpRestrictionConfig(List.of("10.0.0.0/8", "office"),
                List.of("10.0.13.5/24")));

        assertEquals(List.of("allow[1]", "deny[0]"), errors.stream().map(ConfigError::key).toList());
        assertTrue(errors.get(1).message().endsWith("did you mean 10.0.13.0/24?"), errors.get(1).message());
    }

    @Test
    void itRunsFirstInTheAccessControlPhase() {
        assertEquals("ip-restriction", plugin.name());
        assertEquals(Phase.ACCESS_CONTROL, plugin.phase());
    }

    @Test
    void theExtensionIndexListsThePlugin() throws Exception {
        boolean listed = false;
        for (URL index : Collections.list(getClass().getClassLoader().getResources("META-INF/extensions.idx"))) {
            try (InputStream in = index.openStream()) {
                listed |= new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .anyMatch(IpRestrictionPlugin.class.getName()::equals);
            }
        }
        assertTrue(listed, "META-INF/extensions.idx does not list the plugin");
    }

    private Filter filter(List<String> allow, List<String> deny) {
        IpRestrictionConfig config = new IpRestrictionConfig(allow, deny);
        assertEquals(List.of(), plugin.validate(config));
        return plugin.create(config, null);
    }

    private static int status(Filter filter, String client) {
        Request request = new Request("GET", "/", "", Headers.empty(), Body.empty());
        Chain chain = new Chain() {
            @Override
            public Request request() {
                return request;
            }

            @Override
            public Response proceed(Request next) {
                return Response.of(200);
            }
        };
        try {
            return filter.handle(new ClientOnly(IpRange.literal(client).orElseThrow()), chain).status();
        } catch (ProblemException problem) {
            return problem.status();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private record ClientOnly(InetAddress clientAddress) implements Exchange {
        @Override
        public String requestId() {
            return "test";
        }

        @Override
        public String routeId() {
            return "route";
        }

        @Override
        public Optional<Consumer> consumer() {
            return Optional.empty();
        }

        @Override
        public <T> Optional<T> attribute(AttributeKey<T> key) {
            return Optional.empty();
        }

        @Override
        public <T> void setAttribute(AttributeKey<T> key, T value) {
            throw new UnsupportedOperationException();
        }
    }
}
