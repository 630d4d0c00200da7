/**
 * The {@code grpc-transcode} plugin: serves gRPC services to HTTP/JSON clients. See
 * {@code docs/plugins/grpc-transcode.md}.
 */
package io.turnpike.plugins.grpctranscode;
