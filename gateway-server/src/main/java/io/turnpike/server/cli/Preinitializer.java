package io.turnpike.server.cli;

import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.http.HttpRouting;

/**
 * Warms up Helidon on a second thread while the main thread reads the config and loads the plugins.
 *
 * <p>The first Helidon builder the gateway touches starts Helidon's service registry, mappers and media
 * support: about a fifth of a start without the AOT cache, on a path that needs nothing from the config.
 * Started first, it overlaps with the config and plugin loading on any machine with a second CPU. Class
 * initialisation is thread-safe, so if the main thread gets there first it simply waits for this one or
 * does the work itself; either way nothing is done twice.
 */
final class Preinitializer {

    private Preinitializer() {
    }

    static void start() {
        Thread.ofPlatform().name("turnpike-preinit").daemon().start(() -> {
            try {
                HttpRouting.builder();
                WebClient.builder();
            } catch (RuntimeException | LinkageError e) {
                // Only a warm-up: the main thread meets the same failure, if real, and reports it.
            }
        });
    }
}
