package io.turnpike.server.proxy;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import io.turnpike.api.IpRange;

/**
 * Who the client is: the socket peer, unless the peer is a trusted proxy, in which case the proxies'
 * {@code X-Forwarded-For} is read from right to left, skipping trusted hops, and the first untrusted
 * address is the client. Entries left of that are never looked at, since anyone can write them.
 *
 * <p>An entry that is not a literal IP address (a name, {@code unknown}, garbage) stops the walk: the
 * last trusted hop is then the client, because nothing to its left can be told apart from a forgery.
 * A hop may append its port ({@code 192.0.2.1:4711}, {@code [2001:db8::1]:4711}); it is ignored.
 */
public final class TrustedProxies {

    /** Trusts no one: the client is always the socket peer. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<IpRange> ranges;

    private TrustedProxies(List<IpRange> ranges) {
        this.ranges = ranges;
    }

    /**
     * @param ranges the addresses and ranges of {@code server.trusted-proxies}, already validated
     * @return the rule
     * @throws IllegalArgumentException when one is not an address or range
     */
    public static TrustedProxies of(List<String> ranges) {
        return ranges.isEmpty() ? NONE : new TrustedProxies(ranges.stream().map(IpRange::parse).toList());
    }

    /**
     * The client's address.
     *
     * @param peer         the socket peer
     * @param forwardedFor every {@code X-Forwarded-For} field of the request, in order
     * @return the client's address
     */
    InetAddress client(InetAddress peer, List<String> forwardedFor) {
        InetAddress client = peer;
        for (int field = forwardedFor.size() - 1; field >= 0 && isTrusted(client); field--) {
            String[] hops = forwardedFor.get(field).split(",", -1);
            for (int hop = hops.length - 1; hop >= 0 && isTrusted(client); hop--) {
                Optional<InetAddress> next = address(hops[hop].trim());
                if (next.isEmpty()) {
                    return client;
                }
                client = next.get();
            }
        }
        return client;
    }

    private boolean isTrusted(InetAddress address) {
        for (IpRange range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** A hop as proxies write it: a bare address, IPv4 with a port, or bracketed IPv6 with or without one. */
    private static Optional<InetAddress> address(String hop) {
        if (hop.startsWith("[")) {
            int close = hop.indexOf(']');
            boolean portOrNothing = close > 0 && (close == hop.length() - 1 || isPort(hop.substring(close + 1)));
            return portOrNothing ? IpRange.literal(hop.substring(1, close)) : Optional.empty();
        }
        int colon = hop.indexOf(':');
        if (colon > 0 && colon == hop.lastIndexOf(':') && isPort(hop.substring(colon))) {
            return IpRange.literal(hop.substring(0, colon));
        }
        return IpRange.literal(hop);
    }

    private static boolean isPort(String colonAndDigits) {
        return colonAndDigits.length() > 1 && colonAndDigits.length() <= 6 && colonAndDigits.charAt(0) == ':'
                && colonAndDigits.substring(1).chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
