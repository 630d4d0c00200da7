package io.turnpike.plugins.forwardauth;

import java.time.Duration;
import java.util.List;

import io.turnpike.plugins.support.ServiceTls;

/**
 * A route's {@code forward-auth} config.
 *
 * @param url             the authorization service's URL, {@code http://} or {@code https://}; every request is put
 *                        to it as a {@code GET}
 * @param timeout         how long the service may take to answer, waiting for a free connection included,
 *                        default 3s
 * @param requestHeaders  the client's header fields sent to the service; absent: all of them
 * @param upstreamHeaders the fields of the service's 2xx answer copied to the upstream request, replacing the
 *                        client's own; default none
 * @param clientHeaders   the fields of the service's refusal passed to the client; absent: all of them
 * @param responseHeaders the fields of the service's 2xx answer added to the client's answer, such as the
 *                        {@code Set-Cookie} of a refreshed session; default none
 * @param maxConcurrent   calls to the service in flight at once; past it, a request waits within {@code timeout},
 *                        default 100
 * @param tls             what an {@code https://} service is trusted by; absent: the JVM's trust store
 */
public record ForwardAuthConfig(String url, Duration timeout, List<String> requestHeaders,
                                List<String> upstreamHeaders, List<String> clientHeaders,
                                List<String> responseHeaders, Integer maxConcurrent, ServiceTls tls) {

    /** Applies the defaults; lists are copied as they are, nulls included, for {@link ForwardAuthPlugin#validate}. */
    public ForwardAuthConfig {
        timeout = timeout == null ? Duration.ofSeconds(3) : timeout;
        requestHeaders = requestHeaders == null ? null : requestHeaders.stream().toList();
        upstreamHeaders = upstreamHeaders == null ? List.of() : upstreamHeaders.stream().toList();
        clientHeaders = clientHeaders == null ? null : clientHeaders.stream().toList();
        responseHeaders = responseHeaders == null ? List.of() : responseHeaders.stream().toList();
        maxConcurrent = maxConcurrent == null ? 100 : maxConcurrent;
    }
}
