package io.turnpike.server.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Loads {@code gateway.yaml}: parse, substitute environment variables, bind, validate. Every error of a
 * stage is reported at once. Validation runs beside binding errors too, on what did bind, with the errors
 * those explain left out, so that one mistake is not reported twice in different words; a syntax error
 * stops everything, since there is nothing to bind. {@link #check} hands what did bind to the checks that
 * need the plugins ({@code runtime.CompleteConfigCheck}).
 *
 * <pre>{@code
 * LoadedConfig loaded = new ConfigLoader(System.getenv(), home.resolve("plugins")).load(configFile);
 * }</pre>
 */
public final class ConfigLoader {

    private static final String INLINE_NAME = "gateway.yaml";

    private final EnvSubstitution substitution;
    private final Path defaultPluginsDirectory;
    private final YamlReader yaml = new YamlReader();
    private final ConfigBinder binder = new ConfigBinder();
    private final ConfigValidator validator = new ConfigValidator();

    /**
     * A loader whose default plugins directory is {@code plugins} in the working directory.
     *
     * @param environment the variables that {@code ${NAME}} refers to, usually {@link System#getenv()}
     */
    public ConfigLoader(Map<String, String> environment) {
        this(environment, Path.of("plugins"));
    }

    /**
     * @param environment             the variables that {@code ${NAME}} refers to, usually {@link System#getenv()}
     * @param defaultPluginsDirectory the plugins directory when the file names none, such as the
     *                                distribution's {@code plugins/}
     */
    public ConfigLoader(Map<String, String> environment, Path defaultPluginsDirectory) {
        this.substitution = new EnvSubstitution(Objects.requireNonNull(environment, "environment"));
        this.defaultPluginsDirectory = defaultPluginsDirectory.toAbsolutePath().normalize();
    }

    /**
     * Loads a file.
     *
     * @param file the config file
     * @return the configuration
     * @throws ConfigException with every error found, prefixed with the file name
     */
    public LoadedConfig load(Path file) {
        return check(file).orThrow();
    }

    /**
     * Checks a file as {@link #load(Path)} does, without throwing: the errors, and what bound despite them.
     *
     * @param file the config file
     * @return what the checks found
     */
    public ConfigCheck check(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        String name = String.valueOf(file.getFileName());
        String text;
        try {
            text = Files.readString(absolute, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return ConfigCheck.failed(name, absolute, List.of("file not found: " + absolute));
        } catch (CharacterCodingException e) {
            return ConfigCheck.failed(name, absolute, List.of("not UTF-8 text: " + absolute));
        } catch (IOException e) {
            String why = Files.isDirectory(absolute) ? "is a directory" : "cannot be read (" + e.getMessage() + ")";
            return ConfigCheck.failed(name, absolute, List.of(absolute + " " + why));
        }
        return check(text, absolute, name);
    }

    /**
     * Loads YAML text, as if read from {@code gateway.yaml} in a folder; for tests and tools.
     *
     * @param yaml          the YAML text
     * @param baseDirectory the folder that relative paths resolve against
     * @return the configuration, whose {@code file} is {@code baseDirectory/gateway.yaml}
     * @throws ConfigException with every error found, prefixed with {@code gateway.yaml}
     */
    public LoadedConfig load(String yaml, Path baseDirectory) {
        return check(yaml, baseDirectory.toAbsolutePath().normalize().resolve(INLINE_NAME), INLINE_NAME).orThrow();
    }

    private ConfigCheck check(String text, Path file, String name) {
        List<String> errors = new ArrayList<>();
        Optional<JsonNode> parsed = yaml.read(text, errors);
        if (!errors.isEmpty()) {
            return ConfigCheck.failed(name, file, errors);
        }
        if (parsed.isEmpty()) {
            return ConfigCheck.failed(name, file, List.of("the file is empty"));
        }
        JsonNode tree = parsed.get();
        if (!tree.isObject()) {
            return ConfigCheck.failed(name, file, List.of(Locations.TOP_LEVEL + ": expected a mapping of sections, got "
                    + (tree.isArray() ? "a list" : "\"" + tree.asText() + "\"")));
        }
        EnvSubstitution.Result substituted = substitution.substitute(tree);
        errors.addAll(substituted.errors());
        ConfigBinder.Bound<GatewayConfig> bound = binder.bindWhole(substituted.tree(), GatewayConfig.class, "");
        // "${PORT}" left in place of an unset variable is not also "not an integer"
        bound.errors().stream().filter(error -> !substituted.explains(error)).forEach(errors::add);
        if (bound.value().isEmpty()) {
            return ConfigCheck.failed(name, file, errors);
        }
        // The checks across the file run on what did bind, so that one run names a dangling reference beside
        // an unknown key; what a binding error already explains is not said again.
        GatewayConfig config = bound.value().get();
        validator.validate(config).stream()
                .filter(error -> !bound.explains(error) && !substituted.explains(error))
                .forEach(errors::add);
        Optional<Path> pluginsDirectory = pluginsDirectory(config, file, errors);
        return new ConfigCheck(name, file, Optional.of(config), pluginsDirectory, errors);
    }

    private Optional<Path> pluginsDirectory(GatewayConfig config, Path file, List<String> errors) {
        if (errors.stream().anyMatch(error -> Locations.within(Locations.ofError(error), "plugins"))) {
            // a setting in error was set aside: the default folder is not the one the file meant
            return Optional.empty();
        }
        String directory = config.plugins().directory();
        if (directory == null) {
            return Optional.of(defaultPluginsDirectory);
        }
        try {
            return Optional.of(file.getParent().resolve(directory).normalize());
        } catch (InvalidPathException e) {
            errors.add("plugins.directory: not a valid path: " + e.getReason());
            return Optional.empty();
        }
    }
}
