package io.turnpike.plugins.grpctranscode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import io.turnpike.api.ConfigError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code validate} says of a route's config, each error under its key. */
class ConfigValidationTest {

    @TempDir
    Path dir;

    private final GrpcTranscodePlugin plugin = new GrpcTranscodePlugin();

    private static GrpcTranscodeConfig config(String target, Boolean tls, Path caFile, Path descriptorSet,
                                              Duration timeout, Integer maxMessageSize) {
        return new GrpcTranscodeConfig(target, tls, caFile, descriptorSet, null, timeout, maxMessageSize, null, null,
                null, null);
    }

    @Test
    void theShopsConfigIsValid() {
        assertEquals(List.of(), plugin.validate(Fixtures.config("127.0.0.1:50051")));
    }

    @Test
    void targetAndDescriptorSetAreRequired() {
        List<ConfigError> errors = plugin.validate(config(null, null, null, null, null, null));

        assertEquals(List.of("target", "descriptor-set"), errors.stream().map(ConfigError::key).toList());
    }

    @Test
    void aDescriptorSetThatCannotBeReadIsNamed() {
        List<ConfigError> errors = plugin.validate(config("h:1", null, null, dir.resolve("none.pb"), null,
                null));

        assertEquals("descriptor-set", errors.getFirst().key());
        assertTrue(errors.getFirst().message().startsWith("cannot be read (NoSuchFileException"), errors.toString());
    }

    @Test
    void aFileThatIsNotADescriptorSetIsSaidToBeOne() throws Exception {
        Path text = Files.writeString(dir.resolve("orders.proto"), "syntax = \"proto3\";\n");

        List<ConfigError> errors = plugin.validate(config("h:1", null, null, text, null, null));

        assertTrue(errors.getFirst().message().startsWith("is not a descriptor set"), errors.toString());
    }

    @Test
    void aSetMadeWithoutItsImportsSaysToIncludeThem() throws Exception {
        FileDescriptorSet whole = FileDescriptorSet.parseFrom(Files.readAllBytes(Fixtures.SHOP_SET));
        FileDescriptorSet shopOnly = FileDescriptorSet.newBuilder()
                .addFile(whole.getFileList().stream().filter(f -> f.getName().equals("shop/v1/orders.proto"))
                        .findFirst().orElseThrow())
                .build();
        Path set = dir.resolve("shop-only.pb");
        try (OutputStream out = Files.newOutputStream(set)) {
            shopOnly.writeTo(out);
        }

        List<ConfigError> errors = plugin.validate(config("h:1", null, null, set, null, null));

        assertEquals(List.of(new ConfigError("descriptor-set", "shop/v1/orders.proto imports "
                + "google/api/annotations.proto, which the set does not hold; make the set with protoc "
                + "--include_imports")), errors);
    }

    @Test
    void aCaFileWithoutTlsIsAnError() {
        List<ConfigError> errors = plugin.validate(config("h:1", false, Path.of("ca.pem"), Fixtures.SHOP_SET,
                null, null));

        assertEquals(List.of(new ConfigError("ca-file", "is for TLS; set tls: true, or leave ca-file out")), errors);
    }

    @Test
    void aCaFileThatIsNotPemIsAnError() throws Exception {
        Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate");

        List<ConfigError> errors = plugin.validate(config("h:1", true, notPem, Fixtures.SHOP_SET,
                null, null));

        assertEquals("ca-file", errors.getFirst().key());
        assertTrue(errors.getFirst().message().startsWith("cannot be read as PEM certificates"), errors.toString());
    }

    @Test
    void timeoutAndMaxMessageSizeAreBounded() {
        List<ConfigError> errors = plugin.validate(config("h:1", null, null, Fixtures.SHOP_SET,
                Duration.ZERO, 0));

        assertEquals(List.of(new ConfigError("timeout", "must be more than 0"),
                new ConfigError("max-message-size", "must be 1 to 67108864 bytes, got 0")), errors);
    }
}
