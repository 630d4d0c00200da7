package io.turnpike.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** File settings of plugins' configs: relative to the config file's folder, as the gateway's own are. */
class PathBindingTest {

    record FileSettings(Path descriptorSet) {
    }

    private static final String AT = "routes[0].plugins[0].config";
    private static final Path CONFIG_FOLDER = Path.of("/etc/turnpike");

    private final List<String> errors = new ArrayList<>();

    private Optional<Path> bound(String yaml) {
        return new ConfigBinder(CONFIG_FOLDER).bind(ConfigBinderTest.tree(yaml), FileSettings.class, AT, errors)
                .map(FileSettings::descriptorSet);
    }

    @Test
    void aRelativePathResolvesAgainstTheConfigFilesFolder() {
        assertEquals(Optional.of(Path.of("/etc/turnpike/protos/shop.pb")), bound("descriptor-set: protos/shop.pb"));
        assertEquals(Optional.of(Path.of("/etc/protos/shop.pb")), bound("descriptor-set: ../protos/shop.pb"));
    }

    @Test
    void anAbsolutePathStaysAsWritten() {
        assertEquals(Optional.of(Path.of("/srv/shop.pb")), bound("descriptor-set: /srv/shop.pb"));
    }

    @Test
    void aBlankPathIsAnErrorAtItsKey() {
        bound("descriptor-set: ' '");

        assertEquals(1, errors.size(), errors.toString());
        assertEquals(true, errors.getFirst().startsWith(AT + ".descriptor-set: "), errors.toString());
    }

    @Test
    void theBinderForTheGatewaysOwnFileKeepsPathsAsWritten() {
        Optional<Path> bound = new ConfigBinder().bind(ConfigBinderTest.tree("descriptor-set: protos/shop.pb"),
                FileSettings.class, AT, errors).map(FileSettings::descriptorSet);

        assertEquals(Optional.of(Path.of("protos/shop.pb")), bound);
    }
}
