package io.turnpike.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;

import io.turnpike.distribution.GatewayScript.Running;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.turnpike.distribution.GatewayScript.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The class-data sharing archive {@code bin/gateway} keeps in {@code lib/}: recorded by a run, used by the
 * next, and recorded again once a jar changes. Each test unpacks a distribution of its own, since every run
 * may write the archive.
 */
class StartupCacheIT {

    private static final Duration LIMIT = Duration.ofSeconds(30);
    /** The JVM's own line for a class it took from the archive rather than from a jar. */
    private static final String FROM_ARCHIVE = "io.turnpike.server.Gateway source: shared objects file";

    @TempDir
    Path unpacked;
    @TempDir
    Path work;
    private Path home;
    private Path archive;
    private GatewayScript gateway;

    @BeforeEach
    void unzip() {
        home = Unzipped.unzip(Unzipped.distributionZip(), unpacked);
        archive = home.resolve("lib/turnpike.jsa");
        gateway = new GatewayScript(home, work);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void theNextRunLoadsTheGatewaysClassesFromTheArchiveTheFirstRunRecorded() throws IOException {
        runAndStop("first");
        assertTrue(Files.isRegularFile(archive), "the first run recorded no archive at " + archive);

        assertTrue(classLoadLog(runAndStop("second")).contains(FROM_ARCHIVE),
                "the second run loaded the gateway's classes from the jars, not from the archive");
    }

    @Test
    void aJarChangedAfterTheArchiveWasRecordedMakesTheNextRunRecordItAgain() throws IOException {
        runAndStop("first");
        Path jar = home.resolve("lib/gateway-server-" + version() + ".jar");
        // As a reinstall or an update of one jar leaves it: newer than the archive (and older than anything
        // recorded from now on).
        Files.setLastModifiedTime(jar, FileTime.from(Files.getLastModifiedTime(archive).toInstant().plusMillis(10)));

        assertFalse(classLoadLog(runAndStop("after-change")).contains(FROM_ARCHIVE),
                "a run used an archive older than a jar");
        assertTrue(Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0,
                "the archive was not recorded again after the jar changed");
        assertTrue(classLoadLog(runAndStop("next")).contains(FROM_ARCHIVE),
                "the run after the new recording did not use it");
    }

    /** Starts the gateway, waits until it is ready, stops it as an operator would; returns its class-load log. */
    private Path runAndStop(String name) throws IOException {
        int adminPort = freePort();
        Path config = Files.writeString(work.resolve(name + ".yaml"), """
                server:
                  host: 127.0.0.1
                  port: %d
                admin:
                  port: %d
                upstreams:
                  backend:
                    targets:
                      - url: http://127.0.0.1:9
                routes:
                  - id: api
                    match:
                      path: /api/**
                    upstream: backend
                """.formatted(freePort(), adminPort));
        Path classes = work.resolve(name + "-classes.log");
        Running run = gateway.start(Map.of("JAVA_OPTS", "-Xlog:class+load=info:file=" + classes),
                "run", "--config", config.toString());
        run.awaitOk("http://127.0.0.1:" + adminPort + "/health", LIMIT);
        run.process().destroy(); // SIGTERM: the JVM records the archive as it exits
        assertTrue(run.waitFor(LIMIT), () -> "still running " + LIMIT + " after SIGTERM\n" + run.output());
        assertEquals(0, run.process().exitValue(), run::output);
        return classes;
    }

    private static String classLoadLog(Path log) throws IOException {
        return Files.readString(log);
    }

    private String version() {
        String top = home.getFileName().toString();
        return top.substring("turnpike-".length());
    }
}
