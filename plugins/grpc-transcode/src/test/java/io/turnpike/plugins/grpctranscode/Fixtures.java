package io.turnpike.plugins.grpctranscode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.Descriptors.FileDescriptor;
import io.turnpike.api.ConfigError;

/** The shop's descriptor set, as protoc made it in the build, and configs of it. */
final class Fixtures {

    static final Path SHOP_SET = Path.of("target/test-protos/shop.pb").toAbsolutePath();

    private Fixtures() {
    }

    static List<FileDescriptor> shopFiles() {
        try {
            return DescriptorSets.load(SHOP_SET);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BindingTable shopBindings() {
        List<ConfigError> errors = new ArrayList<>();
        BindingTable table = BindingTable.build(shopFiles(), null, errors);
        if (!errors.isEmpty()) {
            throw new AssertionError(errors);
        }
        return table;
    }

    /** A valid config for the shop, with only the given target. */
    static GrpcTranscodeConfig config(String target) {
        return new GrpcTranscodeConfig(target, null, null, SHOP_SET, null, null, null, null, null, null,
                null);
    }
}
