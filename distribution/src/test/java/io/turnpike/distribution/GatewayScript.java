package io.turnpike.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code bin/gateway}, started as an operator would start it, in an environment where the {@code java}
 * on PATH is a Java 17 and JAVA_HOME is unset, so that the script must find a Java 21+ by itself.
 * Every process started is killed by {@link #close()}.
 */
final class GatewayScript implements AutoCloseable {

    static final Duration COMMAND_LIMIT = Duration.ofSeconds(30);

    /** Which variables the operator's shell might carry that would decide the JVM for the script. */
    private static final List<String> JVM_VARIABLES = List.of("JAVA_HOME", "JAVA_OPTS", "JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS");

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private final Path home;
    private final Path workDir;
    private final Path oldJavaBin;
    private final List<Process> started = new ArrayList<>();
    private final AtomicInteger runs = new AtomicInteger();

    /**
     * @param home    the unpacked distribution
     * @param workDir a folder for the processes' output and the old Java
     */
    GatewayScript(Path home, Path workDir) {
        this.home = home;
        this.workDir = workDir;
        this.oldJavaBin = oldJava(workDir.resolve("java-17"));
    }

    /**
     * A {@code java} that answers the version probe as a Java 17 does and refuses to run anything, so that
     * the script taking it fails loudly, whatever Java the machine has on its own PATH.
     */
    private static Path oldJava(Path javaHome) {
        try {
            Path bin = Files.createDirectories(javaHome.resolve("bin"));
            Path java = bin.resolve("java");
            Files.writeString(java, """
                    #!/bin/sh
                    case "$*" in
                      *-XshowSettings*)
                        echo 'Property settings:' >&2
                        echo '    java.specification.version = 17' >&2
                        echo 'openjdk version "17.0.15" 2025-04-15' >&2
                        exit 0 ;;
                    esac
                    echo "bin/gateway ran the Java 17 on PATH: java $*" >&2
                    exit 97
                    """);
            Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
            return bin;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the folder of the Java 17 that PATH offers */
    Path oldJavaBin() {
        return oldJavaBin;
    }

    /**
     * Runs a command that ends by itself, such as {@code validate}, from the distribution's folder.
     *
     * @param args the arguments after {@code bin/gateway}
     * @return how it ended
     */
    Finished finish(String... args) {
        Running running = start(args);
        if (!running.waitFor(COMMAND_LIMIT)) {
            fail("bin/gateway " + String.join(" ", args) + " did not end within " + COMMAND_LIMIT + "\n" + running.output());
        }
        return new Finished(running.process.exitValue(), running.stdout(), running.stderr());
    }

    /**
     * Starts a command that runs until stopped, such as {@code run}, from the distribution's folder.
     *
     * @param args the arguments after {@code bin/gateway}
     * @return the running process
     */
    Running start(String... args) {
        return start(Map.of(), args);
    }

    /**
     * Starts a command as {@link #start(String...)} does, with variables set for the script, such as
     * {@code JAVA_OPTS}.
     *
     * @param variables what to set in the script's environment, after the operator's JVM variables are removed
     * @param args      the arguments after {@code bin/gateway}
     * @return the running process
     */
    Running start(Map<String, String> variables, String... args) {
        return start(List.of(), variables, args);
    }

    /**
     * Starts a command as {@link #start(String...)} does, under {@code nohup}, as operators often start daemons:
     * the script and the JVM then begin with SIGHUP ignored.
     *
     * @param args the arguments after {@code bin/gateway}
     * @return the running process
     */
    Running startUnderNohup(String... args) {
        return start(List.of("nohup"), Map.of(), args);
    }

    private Running start(List<String> prefix, Map<String, String> variables, String... args) {
        int n = runs.incrementAndGet();
        List<String> command = new ArrayList<>(prefix);
        command.add(home.resolve("bin/gateway").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectOutput(workDir.resolve("gateway-" + n + ".out").toFile())
                .redirectError(workDir.resolve("gateway-" + n + ".err").toFile());
        Map<String, String> env = builder.environment();
        JVM_VARIABLES.forEach(env::remove);
        env.put("PATH", oldJavaBin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.putAll(variables);
        try {
            Process process = builder.start();
            started.add(process);
            return new Running(command, process, workDir.resolve("gateway-" + n + ".out"), workDir.resolve("gateway-" + n + ".err"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills whatever is still running, and waits (bounded) until it is gone. */
    @Override
    public void close() {
        for (Process process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        for (Process process : started) {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * A port free at the time of asking, on loopback.
     *
     * @return the port
     */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A GET with a bounded wait.
     *
     * @param url     the URL
     * @param headers names and values, alternating
     * @return the response
     */
    static HttpResponse<String> get(String url, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * How a command that ended, ended.
     *
     * @param exitCode its exit code
     * @param stdout   what it wrote to standard output
     * @param stderr   what it wrote to standard error
     */
    record Finished(int exitCode, String stdout, String stderr) {

        /** @return both streams, for failure messages */
        String output() {
            return "--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
        }

        /** @return standard output's lines */
        List<String> stdoutLines() {
            return stdout.lines().toList();
        }

        /** @return standard error's lines */
        List<String> stderrLines() {
            return stderr.lines().toList();
        }
    }

    /** A started {@code bin/gateway}. */
    static final class Running {
        private final List<String> command;
        private final Process process;
        private final Path stdout;
        private final Path stderr;

        private Running(List<String> command, Process process, Path stdout, Path stderr) {
            this.command = command;
            this.process = process;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        /** @return the process: after the script's {@code exec}, the JVM itself */
        Process process() {
            return process;
        }

        /**
         * Waits until the URL answers 200, failing if the process ends first or the limit passes.
         *
         * @param url   the URL, such as the admin health endpoint
         * @param limit how long to wait
         */
        void awaitOk(String url, Duration limit) {
            Instant deadline = Instant.now().plus(limit);
            String last = "no answer yet";
            while (true) {
                try {
                    HttpResponse<String> response = get(url);
                    if (response.statusCode() == 200) {
                        return;
                    }
                    last = response.statusCode() + " " + response.body();
                } catch (IOException e) {
                    last = e.toString();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail("interrupted while waiting for " + url);
                }
                // Waiting for the process to end paces the polling, and notices a process that died.
                if (waitFor(Duration.ofMillis(100))) {
                    fail(String.join(" ", command) + " exited with " + process.exitValue()
                            + " before " + url + " answered 200 (last: " + last + ")\n" + output());
                }
                if (Instant.now().isAfter(deadline)) {
                    fail(url + " did not answer 200 within " + limit + " (last: " + last + ")\n" + output());
                }
            }
        }

        /**
         * @param limit how long to wait
         * @return whether the process ended within the limit
         */
        boolean waitFor(Duration limit) {
            try {
                return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        String stdout() {
            return read(stdout);
        }

        String stderr() {
            return read(stderr);
        }

        /** @return both streams so far, for failure messages */
        String output() {
            return "--- " + String.join(" ", command) + " ---\n--- stdout ---\n" + stdout() + "--- stderr ---\n" + stderr();
        }

        private static String read(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        }
    }
}
