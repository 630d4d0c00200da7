package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import io.helidon.webclient.api.DnsAddressLookup;
import io.helidon.webclient.spi.DnsResolver;
import org.junit.jupiter.api.Test;

/** An IP literal stays its own name, so TLS checks the certificate against the IP; names go to DNS as before. */
class LiteralAddressResolverTest {

    private final List<String> asked = new ArrayList<>();
    private final InetAddress resolved = InetAddress.getLoopbackAddress();
    private final DnsResolver names = (hostname, lookup) -> {
        asked.add(hostname);
        return resolved;
    };
    private final LiteralAddressResolver resolver = new LiteralAddressResolver(names);

    @Test
    void anIpv4LiteralIsItsOwnHostNameWithoutAskingDns() {
        InetAddress address = resolver.resolveAddress("127.0.0.1", DnsAddressLookup.defaultLookup());

        assertEquals("127.0.0.1", address.getHostName());
        assertArrayEquals(new byte[] {127, 0, 0, 1}, address.getAddress());
        assertEquals(List.of(), asked);
    }

    @Test
    void anIpv6LiteralInBracketsIsItsOwnHostName() {
        InetAddress address = resolver.resolveAddress("[::1]", DnsAddressLookup.defaultLookup());

        assertEquals("::1", address.getHostName());
        assertEquals(16, address.getAddress().length);
        assertEquals(List.of(), asked);
    }

    @Test
    void aNameIsLeftToTheClientsResolver() {
        assertSame(resolved, resolver.resolveAddress("users.internal", DnsAddressLookup.defaultLookup()));
        assertEquals(List.of("users.internal"), asked);
    }
}
