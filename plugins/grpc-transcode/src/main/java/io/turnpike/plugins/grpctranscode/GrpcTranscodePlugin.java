package io.turnpike.plugins.grpctranscode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.util.JsonFormat;
import io.turnpike.api.ConfigError;
import io.turnpike.api.Filter;
import io.turnpike.api.GatewayPlugin;
import io.turnpike.api.Phase;
import io.turnpike.api.PluginContext;
import org.pf4j.Extension;

/**
 * {@code grpc-transcode}: serves a gRPC service to HTTP/JSON clients, by the {@code google.api.http} rules of
 * its descriptor set. See {@code docs/plugins/grpc-transcode.md}.
 */
@Extension
public final class GrpcTranscodePlugin implements GatewayPlugin<GrpcTranscodeConfig> {

    /** The name routes use. */
    public static final String NAME = "grpc-transcode";

    /** A request body or answer message is held whole, so it is bounded; gRPC's own default is 4 MiB. */
    static final int LARGEST_MESSAGE_SIZE = 64 * 1024 * 1024;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<GrpcTranscodeConfig> configType() {
        return GrpcTranscodeConfig.class;
    }

    @Override
    public Phase phase() {
        return Phase.PROTOCOL;
    }

    @Override
    public boolean answersInPlaceOfUpstream() {
        return true;
    }

    @Override
    public List<ConfigError> validate(GrpcTranscodeConfig config) {
        List<ConfigError> errors = new ArrayList<>();
        if (config.target() == null || config.target().isBlank()) {
            errors.add(new ConfigError("target", "missing; write where the gRPC service listens, such as "
                    + "orders.internal:50051"));
        }
        if (config.caFile() != null) {
            if (!config.tls()) {
                errors.add(new ConfigError("ca-file", "is for TLS; set tls: true, or leave ca-file out"));
            } else {
                try {
                    ServiceChannel.credentials(config);
                } catch (UncheckedIOException | IllegalArgumentException e) {
                    errors.add(new ConfigError("ca-file", "cannot be read as PEM certificates ("
                            + e.getClass().getSimpleName() + ": " + e.getMessage() + ")"));
                }
            }
        }
        if (config.descriptorSet() == null) {
            errors.add(new ConfigError("descriptor-set", "missing; give the file protoc --include_imports "
                    + "--descriptor_set_out=FILE writes for the service's .proto files"));
        } else {
            try {
                BindingTable.build(DescriptorSets.load(config.descriptorSet()), config.services(), errors);
            } catch (IOException e) {
                errors.add(new ConfigError("descriptor-set", "cannot be read (" + e.getClass().getSimpleName()
                        + ": " + e.getMessage() + ")"));
            } catch (IllegalArgumentException e) {
                errors.add(new ConfigError("descriptor-set", e.getMessage()));
            }
        }
        if (config.timeout().isNegative() || config.timeout().isZero()) {
            errors.add(new ConfigError("timeout", "must be more than 0"));
        }
        if (config.maxMessageSize() < 1 || config.maxMessageSize() > LARGEST_MESSAGE_SIZE) {
            errors.add(new ConfigError("max-message-size", "must be 1 to " + LARGEST_MESSAGE_SIZE + " bytes, got "
                    + config.maxMessageSize()));
        }
        return errors;
    }

    @Override
    public Filter create(GrpcTranscodeConfig config, PluginContext context) {
        List<FileDescriptor> files;
        try {
            files = DescriptorSets.load(config.descriptorSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ConfigError> errors = new ArrayList<>();
        BindingTable bindings = BindingTable.build(files, config.services(), errors);
        if (!errors.isEmpty()) {     // the file changed since validate read it
            throw new IllegalStateException("descriptor-set: " + errors.getFirst().message());
        }
        JsonFormat.TypeRegistry types = typeRegistry(files);
        JsonFormat.Parser parser = JsonFormat.parser().usingTypeRegistry(types);
        if (config.ignoreUnknownFields()) {
            parser = parser.ignoringUnknownFields();
        }
        JsonFormat.Printer printer = JsonFormat.printer().usingTypeRegistry(types).omittingInsignificantWhitespace();
        if (config.preserveProtoFieldNames()) {
            printer = printer.preservingProtoFieldNames();
        }
        if (config.emitDefaultValues()) {
            printer = printer.alwaysPrintFieldsWithNoPresence();
        }
        if (config.enumsAsNumbers()) {
            printer = printer.printingEnumsAsInts();
        }
        return new GrpcTranscodeFilter(bindings, new RequestMessages(parser, config.maxMessageSize()), printer,
                config.timeout(), ServiceChannel.open(config, context.routeId()));
    }

    /** Every message type of the set, so that {@code google.protobuf.Any} fields can be written and read. */
    private static JsonFormat.TypeRegistry typeRegistry(List<FileDescriptor> files) {
        JsonFormat.TypeRegistry.Builder types = JsonFormat.TypeRegistry.newBuilder();
        files.forEach(file -> types.add(file.getMessageTypes()));
        return types.build();
    }
}
