package io.turnpike.plugins.grpcweb;

/**
 * A route's {@code grpc-web} config. The protocol leaves nothing to choose: the plugin takes every gRPC-Web
 * request, in whichever of its forms the client sent it, and passes everything else through.
 */
public record GrpcWebConfig() {
}
