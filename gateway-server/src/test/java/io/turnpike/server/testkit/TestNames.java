package io.turnpike.server.testkit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Host names under {@code .turnpike.test} that tests make resolve to the loopback addresses they choose, through
 * the JDK's own resolver SPI (JEP 418): the gateway looks them up with {@link InetAddress} as it looks up any
 * other name. Every other name goes to the JDK's built-in resolver. Registered in
 * {@code META-INF/services/java.net.spi.InetAddressResolverProvider}; tests run with no DNS cache
 * ({@code src/test/resources/no-dns-cache.security}), so a change is seen at the next lookup.
 *
 * <p>The JDK makes the provider itself, so the names live in a static map: a test sets its own names (under a
 * name of its own) and removes them when done.
 */
public final class TestNames extends InetAddressResolverProvider {

    /** The domain answered here. */
    public static final String DOMAIN = ".turnpike.test";

    private static final Map<String, List<InetAddress>> NAMES = new ConcurrentHashMap<>();
    private static final Map<String, AtomicLong> LOOKUPS = new ConcurrentHashMap<>();

    /**
     * Makes a name resolve to these addresses, or to none (an unknown host) when none are given.
     *
     * @param name      a name ending in {@link #DOMAIN}
     * @param addresses IP literals, such as {@code 127.0.0.2}
     */
    public static void set(String name, String... addresses) {
        if (!name.endsWith(DOMAIN)) {
            throw new IllegalArgumentException("test names end in " + DOMAIN + ": " + name);
        }
        NAMES.put(name, Stream.of(addresses).map(TestNames::literal).toList());
    }

    /**
     * @param name a name ending in {@link #DOMAIN}
     * @return how often it was looked up so far, answered or not: something to wait on for a lookup to happen
     */
    public static long lookups(String name) {
        AtomicLong count = LOOKUPS.get(name);
        return count == null ? 0 : count.get();
    }

    /** @param name a name set before, now unknown again */
    public static void remove(String name) {
        NAMES.remove(name);
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + address, e);
        }
    }

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtin = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                if (!host.endsWith(DOMAIN)) {
                    return builtin.lookupByName(host, policy);
                }
                LOOKUPS.computeIfAbsent(host, unused -> new AtomicLong()).incrementAndGet();
                List<InetAddress> addresses = NAMES.getOrDefault(host, List.of());
                if (addresses.isEmpty()) {
                    throw new UnknownHostException(host + ": no such test name");
                }
                return addresses.stream();
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                return builtin.lookupByAddress(address);
            }
        };
    }

    @Override
    public String name() {
        return "turnpike test names";
    }
}
