package io.turnpike.server.plugins;

import java.nio.file.Path;

/**
 * A jar in the plugins directory that was skipped, and why: the first thing an operator asks when a
 * route says no plugin of that name is loaded.
 *
 * @param jar    the jar
 * @param reason why it was skipped, phrased to follow the file name
 */
public record RejectedJar(Path jar, String reason) {
}
