package io.turnpike.server.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import io.helidon.webclient.api.DnsAddressLookup;
import io.helidon.webclient.spi.DnsResolver;
import io.turnpike.api.IpRange;

/**
 * Resolves a target's host for its connections, keeping an IP literal as the address's own name.
 *
 * <p>Helidon's client opens a TLS connection under the resolved address's {@code getHostName()}, which for an
 * address parsed from an IP literal is a reverse DNS lookup: {@code https://127.0.0.1} was checked against
 * the certificate as {@code localhost}, and refused when the certificate names only the IP. An address made
 * with its literal as its name keeps the check on the IP, as the URL says, and asks DNS nothing. Names are
 * left to the client's own resolver.
 */
record LiteralAddressResolver(DnsResolver names) implements DnsResolver {

    @Override
    public boolean useDefaultJavaResolver() {
        return names.useDefaultJavaResolver();
    }

    @Override
    public InetAddress resolveAddress(String hostname, DnsAddressLookup lookup) {
        String bare = hostname.startsWith("[") && hostname.endsWith("]")
                ? hostname.substring(1, hostname.length() - 1) : hostname;
        Optional<InetAddress> literal = IpRange.literal(bare);
        if (literal.isEmpty()) {
            return names.resolveAddress(hostname, lookup);
        }
        try {
            return InetAddress.getByAddress(bare, literal.get().getAddress());
        } catch (UnknownHostException impossible) {
            // getByAddress refuses only addresses of the wrong length, and these come from a parsed literal
            throw new IllegalStateException(impossible);
        }
    }
}
