package io.turnpike.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.turnpike.server.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupTrainingTest {

    @TempDir
    Path dir;

    @Test
    void servesEveryTrainingRequestThroughARealGatewayAndExitsZero() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = StartupTraining.run(new ConfigLoader(Map.of(), plugins), plugins,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(Main.OK, status, () -> err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("served " + StartupTraining.REQUESTS + " requests"),
                () -> out.toString(StandardCharsets.UTF_8));
    }
}
