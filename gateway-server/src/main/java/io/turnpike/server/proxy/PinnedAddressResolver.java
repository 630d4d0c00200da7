package io.turnpike.server.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;

import io.helidon.webclient.api.DnsAddressLookup;
import io.helidon.webclient.spi.DnsResolver;

/**
 * Resolves a target found in DNS to the one address it stands for. The address carries the host's name, as
 * Helidon's client checks a TLS certificate against the resolved address's {@code getHostName()} (see
 * {@link LiteralAddressResolver}): each address of {@code orders.internal} is then checked as
 * {@code orders.internal}, as the URL says.
 */
final class PinnedAddressResolver implements DnsResolver {

    private final InetAddress address;

    /**
     * @param name    the host's name, as the URL gives it
     * @param address one of its addresses
     */
    PinnedAddressResolver(String name, InetAddress address) {
        try {
            this.address = InetAddress.getByAddress(name, address.getAddress());
        } catch (UnknownHostException impossible) {
            // getByAddress refuses only addresses of the wrong length, and this one is an InetAddress's own
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public boolean useDefaultJavaResolver() {
        return false;
    }

    @Override
    public InetAddress resolveAddress(String hostname, DnsAddressLookup lookup) {
        return address;
    }
}
