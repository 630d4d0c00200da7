package io.turnpike.plugins.acl;

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
import java.util.Set;

import io.turnpike.api.AttributeKey;
import io.turnpike.api.Body;
import io.turnpike.api.Chain;
import io.turnpike.api.Consumer;
import io.turnpike.api.Exchange;
import io.turnpike.api.Headers;
import io.turnpike.api.Phase;
import io.turnpike.api.ProblemException;
import io.turnpike.api.Request;
import io.turnpike.api.Response;
import org.junit.jupiter.api.Test;

class AclPluginTest {

    private static final Consumer ALICE = new Consumer("alice", Set.of("gold", "staff"));
    private static final Consumer BOB = new Consumer("bob", Set.of("silver"));

    private final AclPlugin plugin = new AclPlugin();

    @Test
    void itAuthorizesAfterAuthentication() {
        assertEquals("acl", plugin.name());
        assertEquals(Phase.AUTHORIZATION, plugin.phase());
    }

    @Test
    void anAllowedGroupPasses() throws Exception {
        assertEquals(204, run(new AclConfig(List.of("gold"), null, null, null), ALICE).status());
    }

    @Test
    void aConsumerOutsideTheAllowListIsRefused403() {
        ProblemException refused = assertThrows(ProblemException.class, () -> run(new AclConfig(List.of("gold"), null, null, null), BOB));

        assertEquals(403, refused.status());
        assertEquals(AclFilter.REFUSED, refused.detail());
    }

    @Test
    void anAllowedConsumerNamePasses() throws Exception {
        assertEquals(204, run(new AclConfig(null, List.of("bob"), null, null), BOB).status());
    }

    @Test
    void aDeniedGroupIsRefusedAndOthersPass() throws Exception {
        AclConfig config = new AclConfig(null, null, List.of("silver"), null);

        assertThrows(ProblemException.class, () -> run(config, BOB));
        assertEquals(204, run(config, ALICE).status());
    }

    @Test
    void aDeniedConsumerIsRefused() {
        assertThrows(ProblemException.class, () -> run(new AclConfig(null, null, null, List.of("alice")), ALICE));
    }

    @Test
    void noConsumerIsRefusedEvenByADenyList() {
        assertEquals(403, assertThrows(ProblemException.class,
                () -> run(new AclConfig(null, null, null, List.of("bob")), null)).status());
    }

    @Test
    void allowAndDenyTogetherAreAConfigError() {
        assertEquals("", plugin.validate(new AclConfig(List.of("gold"), null, List.of("silver"), null)).getFirst().key());
    }

    @Test
    void anEmptyConfigIsAConfigError() {
        assertEquals(1, plugin.validate(new AclConfig(null, null, null, null)).size());
    }

    @Test
    void theAnnotationProcessorListedThePluginInTheExtensionIndex() throws Exception {
        boolean listed = false;
        for (URL index : Collections.list(getClass().getClassLoader().getResources("META-INF/extensions.idx"))) {
            try (InputStream in = index.openStream()) {
                listed |= new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().anyMatch(AclPlugin.class.getName()::equals);
            }
        }
        assertTrue(listed);
    }

    private Response run(AclConfig config, Consumer consumer) throws Exception {
        Request request = new Request("GET", "/", "", Headers.empty(), Body.empty());
        Chain chain = new Chain() {
            @Override
            public Request request() {
                return request;
            }

            @Override
            public Response proceed(Request next) {
                return Response.of(204);
            }
        };
        return plugin.create(config, null).handle(new FixedConsumer(consumer), chain);
    }

    private record FixedConsumer(Consumer value) implements Exchange {
        public String requestId() {
            return "r1";
        }

        public String routeId() {
            return "premium";
        }

        public InetAddress clientAddress() {
            return InetAddress.getLoopbackAddress();
        }

        public Optional<Consumer> consumer() {
            return Optional.ofNullable(value);
        }

        public <T> Optional<T> attribute(AttributeKey<T> key) {
            return Optional.empty();
        }

        public <T> void setAttribute(AttributeKey<T> key, T v) {
            throw new AssertionError("acl sets no attribute");
        }
    }
}
