package io.turnpike.server.admin;

import java.util.List;

/**
 * Reloads the configuration file: what {@code POST /reload} and SIGHUP do.
 */
@FunctionalInterface
public interface Reloader {

    /**
     * Builds a runtime from the file and serves it; on any error the running one keeps serving.
     *
     * @return the sections that changed in the file but take effect only at the next start
     * @throws io.turnpike.server.config.ConfigException listing every error, when the file is refused
     */
    List<String> reload();
}
