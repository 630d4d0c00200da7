package io.turnpike.plugins.ratelimit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.turnpike.server.testkit.Eventually;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server}, started on a free loopback port for one test and stopped after it, with no
 * persistence. Where no {@code redis-server} is installed, the test is aborted with a message saying how to
 * install it, unless {@code TURNPIKE_REQUIRE_REDIS} is set, as {@code .ci/run} sets it: then it fails.
 */
final class RedisServer implements AutoCloseable {

    private static final String REQUIRE = "TURNPIKE_REQUIRE_REDIS";

    private static final String READY = "Ready to accept connections";
    /** The name of the master a test's Sentinel watches. */
    static final String MASTER = "mymaster";

    private final Path binary;
    private final int port;
    private final String scheme;
    /** What follows the binary on the command line, the port included. */
    private final List<String> arguments;
    private final String readyLine;
    private final Path log;
    private Process process;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;

    private RedisServer(Path dir, int port, String scheme, List<String> arguments, String readyLine) {
        this.binary = binary();
        this.port = port;
        this.scheme = scheme;
        this.arguments = arguments;
        this.readyLine = readyLine;
        this.log = dir.resolve("redis-" + port + ".log");
    }

    /**
     * A data node's arguments. Its files (a replica's copy of its master's data) go to a folder of its own in
     * the test's folder: in the working directory they would outlive the test, and the next test's replica
     * would start from them.
     */
    private static List<String> dataNode(Path dir, int port, List<String> options) {
        Path files = dir.resolve("redis-" + port);
        try {
            Files.createDirectories(files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> arguments = new ArrayList<>(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", files.toString()));
        arguments.addAll(options);
        return arguments;
    }

    private static RedisServer started(RedisServer server) {
        server.start();
        return server;
    }

    /**
     * @param dir     where the server's log goes
     * @param options more {@code redis-server} options, such as {@code --requirepass secret}
     */
    static RedisServer start(Path dir, String... options) {
        int port = freePort();
        return started(new RedisServer(dir, port, "redis", dataNode(dir, port, List.of(options)), READY));
    }

    /**
     * A server that speaks only TLS, with the certificate of the test fixtures for 127.0.0.1.
     *
     * @param dir                    where the fixtures were copied ({@code TlsClients.copyFixtures}) and the log goes
     * @param wantsClientCertificate whether a client must present a certificate signed by the fixtures' CA
     */
    static RedisServer startTls(Path dir, boolean wantsClientCertificate) {
        int port = freePort();
        List<String> arguments = new ArrayList<>(dataNode(dir, 0, List.of()));
        arguments.addAll(List.of("--tls-port", Integer.toString(port),
                "--tls-cert-file", dir.resolve("upstream.pem").toString(),
                "--tls-key-file", dir.resolve("upstream.key").toString(),
                "--tls-ca-cert-file", dir.resolve("ca.pem").toString(),
                "--tls-auth-clients", wantsClientCertificate ? "yes" : "no"));
        return started(new RedisServer(dir, port, "rediss", arguments, READY));
    }

    /** A node of a Redis Cluster to be, with no slots until {@link RedisCluster} assigns them. */
    static RedisServer startClusterNode(Path dir) {
        int port = freePort();
        return started(new RedisServer(dir, port, "redis", dataNode(dir, port, List.of("--cluster-enabled", "yes",
                "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "2000")), READY));
    }

    /** Runs {@code redis-cli}, installed beside {@code redis-server}, and returns what it printed. */
    static String cli(String... arguments) {
        List<String> command = new ArrayList<>(List.of(binary().resolveSibling("redis-cli").toString()));
        command.addAll(List.of(arguments));
        try {
            Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(cli.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!cli.waitFor(30, TimeUnit.SECONDS) || cli.exitValue() != 0) {
                throw new AssertionError("redis-cli " + arguments[0] + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A replica of a master, started once it holds the master's data. */
    static RedisServer startReplicaOf(Path dir, RedisServer master) {
        int port = freePort();
        return started(new RedisServer(dir, port, "redis", dataNode(dir, port, List.of("--replicaof", "127.0.0.1",
                Integer.toString(master.port))), "MASTER <-> REPLICA sync: Finished with success"));
    }

    /**
     * A Sentinel that watches a master under the name {@link #MASTER}, knows its replicas from the start (rather
     * than after its first ten-second look at the master), takes it for down after half a second, and may fail
     * it over alone.
     */
    static RedisServer startSentinel(Path dir, RedisServer master, RedisServer... replicas) {
        int port = freePort();
        StringBuilder config = new StringBuilder("port " + port + "\nbind 127.0.0.1\n"
                + "sentinel monitor " + MASTER + " 127.0.0.1 " + master.port + " 1\n"
                + "sentinel down-after-milliseconds " + MASTER + " 500\n"
                + "sentinel failover-timeout " + MASTER + " 2000\n");
        for (RedisServer replica : replicas) {
            config.append("sentinel known-replica " + MASTER + " 127.0.0.1 " + replica.port + "\n");
        }
        Path file = dir.resolve("sentinel-" + port + ".conf");
        try {
            Files.writeString(file, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return started(new RedisServer(dir, port, "redis-sentinel", List.of(file.toString(), "--sentinel"),
                "+monitor master " + MASTER));
    }

    private static Path binary() {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/usr/local/bin:/usr/sbin";
        for (String folder : path.split(":")) {
            Path candidate = Path.of(folder.isEmpty() ? "." : folder, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String message = "redis-server is not installed, so the Redis tests cannot run; install it (Debian:"
                + " apt-get install redis-server), as .ci/run does";
        if (System.getenv(REQUIRE) != null) {
            Assertions.fail(message + " (" + REQUIRE + " is set)");
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server, or starts it again on the same port after {@link #stop()}. */
    void start() {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(arguments);
        long readyBefore = readyLines();
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Eventually.await("redis-server on port " + port + " is ready, or has exited",
                    () -> readyLines() > readyBefore || !process.isAlive());
        } catch (AssertionError notReady) {
            process.destroyForcibly();   // no one else holds it: a server left running would outlive the tests
            throw new AssertionError(notReady.getMessage() + "; its log:\n" + logText(), notReady);
        }
        if (readyLines() == readyBefore) {
            throw new AssertionError("redis-server exited on port " + port + "; its log:\n" + logText());
        }
    }

    /** How often the log says the server is ready: once per start. */
    private long readyLines() {
        return logText().lines().filter(line -> line.contains(readyLine)).count();
    }

    /** The server's URL, without credentials: for a Sentinel, the URL that finds its master through it. */
    String url() {
        return scheme + "://127.0.0.1:" + port + (scheme.equals("redis-sentinel") ? "#" + MASTER : "");
    }

    /** Stops the server as a crash would (SIGKILL); {@link #start()} brings it back empty. */
    void stop() {
        closeClient();
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Freezes the server (SIGSTOP): connections stay open and nothing is answered, as with a hung Redis. */
    void freeze() {
        signal("STOP");
    }

    /** Lets a frozen server go on (SIGCONT). */
    void thaw() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
            Assertions.assertEquals(0, kill.waitFor(), "kill -" + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Commands on a connection of the test's own, for looking at what the gateway wrote. */
    RedisCommands<String, String> commands(String... password) {
        if (connection == null) {
            RedisURI uri = RedisURI.create(url());
            if (password.length > 0) {
                uri.setAuthentication(password[0]);
            }
            client = RedisClient.create(uri);
            connection = client.connect();
        }
        return connection.sync();
    }

    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private void closeClient() {
        if (connection != null) {
            connection.close();
            client.shutdown();
            connection = null;
            client = null;
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            thaw();
            stop();
        } else {
            closeClient();
        }
    }
}
