package io.turnpike.server.proxy;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.turnpike.api.IpRange;
import io.turnpike.server.config.TargetConfig;

/**
 * Finds an upstream's targets in DNS: each address a configured target's host name resolves to is a target of
 * its own, and the names are looked up again every {@code refresh}. A target given by IP address stands for
 * itself. A name that fails to resolve keeps the addresses it last had, so that a DNS outage takes no target
 * away; one that never resolved has none, and the upstream answers 503 until it does.
 */
final class TargetDiscovery implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(TargetDiscovery.class.getName());

    /** How a host name's addresses are found: {@link InetAddress#getAllByName} outside of tests. */
    @FunctionalInterface
    interface Lookup {
        List<InetAddress> addresses(String host) throws UnknownHostException;
    }

    private final String upstream;
    private final List<TargetConfig> targets;
    private final Lookup lookup;
    /** The names whose last lookup failed: a failure is logged when it starts and when it ends, not each time. */
    private final Set<String> failing = new HashSet<>();
    private final ScheduledExecutorService scheduler;

    /**
     * @param upstream the upstream's name, for logs
     * @param targets  its configured targets
     * @param lookup   how names are resolved
     */
    TargetDiscovery(String upstream, List<TargetConfig> targets, Lookup lookup) {
        this.upstream = upstream;
        this.targets = List.copyOf(targets);
        this.lookup = lookup;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("dns-" + upstream).factory());
    }

    /** The lookup of {@link InetAddress#getAllByName}, which honours the JVM's DNS cache ({@code networkaddress.cache.ttl}). */
    static List<InetAddress> system(String host) throws UnknownHostException {
        return Arrays.asList(InetAddress.getAllByName(host));
    }

    /**
     * Looks every name up again every {@code refresh}, handing the placements found to {@code place}.
     *
     * @param refresh the time between two rounds
     * @param known   the placements in use, for the names that fail to resolve
     * @param place   takes the placements of a round
     */
    void start(Duration refresh, Supplier<List<Placement>> known, Consumer<List<Placement>> place) {
        long millis = refresh.toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                place.accept(placements(known.get()));
            } catch (RuntimeException e) {
                // the task must survive anything, or the names would never be looked up again
                LOGGER.log(Level.WARNING, "upstream " + upstream + ": DNS refresh failed", e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * One round of lookups.
     *
     * @param known the placements in use; a name that fails to resolve keeps its own
     * @return every configured target's placements, in config order and by address within a target
     */
    List<Placement> placements(List<Placement> known) {
        List<Placement> found = new ArrayList<>();
        for (TargetConfig config : targets) {
            Target target = Target.of(config.url());
            String host = target.origin().getHost();
            String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            if (IpRange.literal(bare).isPresent()) {
                found.add(new Placement(config, target));
                continue;
            }
            try {
                lookup.addresses(host).stream().distinct()
                        .sorted(Comparator.comparing(InetAddress::getHostAddress))
                        .forEach(address -> found.add(new Placement(config, target.at(address))));
                if (failing.remove(host)) {
                    LOGGER.log(Level.INFO, () -> "upstream " + upstream + ": " + host + " resolves again");
                }
            } catch (UnknownHostException | RuntimeException e) {
                if (failing.add(host)) {
                    LOGGER.log(Level.WARNING, () -> "upstream " + upstream + ": " + host + " does not resolve ("
                            + e + "); its targets stay as they were until it does");
                }
                known.stream().filter(placement -> placement.config().url().equals(config.url())).forEach(found::add);
            }
        }
        return found;
    }

    /** Stops the lookups, waiting a moment for a round under way, so that it places no target in a closed pool. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }
}
