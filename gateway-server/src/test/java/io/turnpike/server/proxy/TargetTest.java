package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A target's URL, read once into what the proxy needs: origin, Host value, base path, port. */
class TargetTest {

    @Test
    void aDefaultPortIsLeftOutOfTheHostValueButKnownForConnecting() {
        Target plain = Target.of("http://orders.internal/api/");
        Target tls = Target.of("HTTPS://orders.internal:443");

        assertEquals("orders.internal", plain.authority());
        assertEquals(80, plain.port());
        assertFalse(plain.secure());
        assertEquals("/api", plain.basePath());
        assertEquals("orders.internal", tls.authority());
        assertEquals(443, tls.port());
        assertTrue(tls.secure());
    }

    @Test
    void anExplicitPortIsKeptEverywhere() {
        Target target = Target.of("http://10.0.0.7:8080");

        assertEquals("10.0.0.7:8080", target.authority());
        assertEquals(8080, target.port());
        assertEquals("http://10.0.0.7:8080", target.origin().toString());
    }
}
