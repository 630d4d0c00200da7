package io.turnpike.plugins.grpctranscode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A route's {@code grpc-transcode} config, as written in YAML; the defaults are those of
 * {@code docs/plugins/grpc-transcode.md}.
 *
 * @param target                 where the gRPC service listens: {@code host:port}, or a gRPC target URI such as
 *                               {@code dns:///orders.internal:50051}
 * @param tls                    whether to speak TLS to it; default false (plaintext HTTP/2)
 * @param caFile                 a PEM file of the certificate authorities to trust for TLS, in place of the JDK's;
 *                               a relative path is resolved against the config file's folder by the gateway
 * @param descriptorSet          the service's descriptor set, as {@code protoc --include_imports
 *                               --descriptor_set_out} writes it; relative paths as for {@code caFile}
 * @param services               the fully qualified services to offer; absent, every service in the set
 * @param timeout                the deadline of each call
 * @param maxMessageSize         the largest request body and answer message, in bytes
 * @param preserveProtoFieldNames write fields by their proto names ({@code total_cents}) rather than their JSON
 *                               names ({@code totalCents})
 * @param emitDefaultValues      write fields that hold their default value (0, "", false, empty lists)
 * @param enumsAsNumbers         write enum values as numbers rather than names
 * @param ignoreUnknownFields    accept, and drop, JSON fields the request message does not have
 */
public record GrpcTranscodeConfig(String target,
                                  Boolean tls,
                                  Path caFile,
                                  Path descriptorSet,
                                  List<String> services,
                                  Duration timeout,
                                  Integer maxMessageSize,
                                  Boolean preserveProtoFieldNames,
                                  Boolean emitDefaultValues,
                                  Boolean enumsAsNumbers,
                                  Boolean ignoreUnknownFields) {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** gRPC's own default limit on a received message. */
    static final int DEFAULT_MAX_MESSAGE_SIZE = 4 * 1024 * 1024;

    /** Fills in the defaults; {@code services} stays absent when not given, meaning "every one". */
    public GrpcTranscodeConfig {
        tls = tls != null && tls;
        services = services == null ? null : Collections.unmodifiableList(new ArrayList<>(services));
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        maxMessageSize = maxMessageSize == null ? DEFAULT_MAX_MESSAGE_SIZE : maxMessageSize;
        preserveProtoFieldNames = preserveProtoFieldNames != null && preserveProtoFieldNames;
        emitDefaultValues = emitDefaultValues != null && emitDefaultValues;
        enumsAsNumbers = enumsAsNumbers != null && enumsAsNumbers;
        ignoreUnknownFields = ignoreUnknownFields != null && ignoreUnknownFields;
    }
}
