/**
 * The {@code grpc-web} plugin: browsers call gRPC services through the gateway, in the gRPC-Web protocol,
 * which the plugin translates to gRPC and back.
 *
 * <p>Only {@link io.turnpike.plugins.grpcweb.GrpcWebPlugin} (found by PF4J) and its config record are public.
 */
package io.turnpike.plugins.grpcweb;
