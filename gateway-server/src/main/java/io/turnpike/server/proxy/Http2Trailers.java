package io.turnpike.server.proxy;

import java.util.concurrent.CompletableFuture;

import io.helidon.http.ClientResponseTrailers;
import io.helidon.http.WritableHeaders;
import io.helidon.webclient.api.WebClientServiceRequest;
import io.helidon.webclient.api.WebClientServiceResponse;
import io.helidon.webclient.http2.Http2ClientStream;
import io.helidon.webclient.spi.WebClientService;

/**
 * Hands over the trailers of an HTTP/2 answer that does not announce them. Helidon's HTTP/2 client gives a
 * response's trailers only when the response names them in a {@code Trailer} field
 * ({@code Http2CallChainBase.readResponse}), which gRPC services never send, though their status travels in
 * the trailers. This service, on the HTTP/2 upstreams' client only, takes them from the response's stream
 * instead, through public API.
 *
 * <p>The trailers are complete when the body has been read to its end: then they have arrived, or the
 * stream ended without any, and the trailers are empty rather than awaited until the read timeout.
 */
final class Http2Trailers implements WebClientService {

    @Override
    public WebClientServiceResponse handle(Chain chain, WebClientServiceRequest request) {
        WebClientServiceResponse response = chain.proceed(request);
        if (!(response.connection() instanceof Http2ClientStream stream) || !stream.hasEntity()) {
            // an answer that ended with its header fields has no trailers to wait for
            return response;
        }
        CompletableFuture<ClientResponseTrailers> trailers = stream.trailers()
                .thenApply(ClientResponseTrailers::create);
        ClientResponseTrailers none = ClientResponseTrailers.create(WritableHeaders.create());
        // completed when the body has been read to its end; a no-op if the trailers came before
        response.whenComplete().thenRun(() -> trailers.complete(none));
        return WebClientServiceResponse.builder().from(response).trailers(trailers).build();
    }
}
