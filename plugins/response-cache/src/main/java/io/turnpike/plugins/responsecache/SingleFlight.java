package io.turnpike.plugins.responsecache;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * One upstream call per concurrent miss of the same entry. The first miss leads and fetches; the others
 * follow, waiting (up to the lock timeout) to read what the leader stored. When the leader's answer turns
 * out not to be storable, or never completes in time, each follower makes its own upstream call: an
 * answer that may not be stored is not one to share either.
 *
 * <p>Bounded: a flight whose leader never finished (a client that went away before reading the body, say)
 * is forgotten after the lock timeout, and at most {@link #MAX_FLIGHTS} are tracked at once; past that,
 * misses simply go upstream on their own.
 */
final class SingleFlight {

    static final int MAX_FLIGHTS = 10_000;

    private final Cache<FlightKey, Flight> flights;
    private final Duration lockTimeout;

    SingleFlight(Duration lockTimeout, Clock clock) {
        this.lockTimeout = lockTimeout;
        this.flights = Caffeine.newBuilder()
                .maximumSize(MAX_FLIGHTS)
                .expireAfterWrite(lockTimeout)
                .ticker(() -> clock.millis() * 1_000_000L)
                .executor(Runnable::run)
                .build();
    }

    /**
     * Joins the flight for an entry, starting it when there is none.
     *
     * @return a flight this caller leads, and must {@linkplain Flight#land land}, or one it follows
     */
    Flight join(PrimaryKey key, List<String> variant) {
        FlightKey flightKey = new FlightKey(key, variant);
        Flight mine = new Flight(this, flightKey, true);
        Flight current = flights.asMap().putIfAbsent(flightKey, mine);
        return current == null ? mine : current.asFollower();
    }

    private void forget(Flight flight) {
        flights.asMap().remove(flight.key, flight);
    }

    /** The outcome a follower waits for. */
    enum Outcome {
        /** The leader stored its answer: look it up. */
        STORED,
        /** The leader's answer was not stored, or it did not finish in time: go upstream yourself. */
        ON_YOUR_OWN
    }

    /** One upstream call and the requests waiting on it. */
    static final class Flight {

        private final SingleFlight owner;
        private final FlightKey key;
        private final boolean leader;
        private final CompletableFuture<Boolean> landed;

        private Flight(SingleFlight owner, FlightKey key, boolean leader) {
            this(owner, key, leader, new CompletableFuture<>());
        }

        private Flight(SingleFlight owner, FlightKey key, boolean leader, CompletableFuture<Boolean> landed) {
            this.owner = owner;
            this.key = key;
            this.leader = leader;
            this.landed = landed;
        }

        private Flight asFollower() {
            return new Flight(owner, key, false, landed);
        }

        /** @return whether this caller makes the upstream call */
        boolean leads() {
            return leader;
        }

        /**
         * Ends the flight; the leader calls it exactly once, whatever happened. Later calls do nothing.
         *
         * @param stored whether the answer is now in the store
         */
        void land(boolean stored) {
            if (leader) {
                owner.forget(this);
                landed.complete(stored);
            }
        }

        /** Waits for the leader, up to the lock timeout. */
        Outcome await() {
            try {
                return landed.get(owner.lockTimeout.toMillis(), TimeUnit.MILLISECONDS) ? Outcome.STORED : Outcome.ON_YOUR_OWN;
            } catch (TimeoutException | ExecutionException e) {
                return Outcome.ON_YOUR_OWN;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.ON_YOUR_OWN;
            }
        }
    }

    private record FlightKey(PrimaryKey key, List<String> variant) {
    }
}
