package io.turnpike.plugins.jwtauth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;

/**
 * Keys from a JWKS URL, fetched on first use and cached with Caffeine. After the cache TTL the set is
 * fetched again; while that fetch fails, the last good set stays in use (Caffeine keeps a value whose
 * refresh failed). A token whose key is not in the set (a rotated-in {@code kid}) triggers a fetch at once,
 * at most one per refetch interval, so a flood of made-up {@code kid}s costs the identity provider one
 * request per interval, not one per token.
 */
final class JwksKeys implements KeySource {

    /** Larger than any real key set; bounds what a misbehaving URL can make the gateway hold. */
    static final int MAX_JWKS_BYTES = 512 * 1024;

    private final URI uri;
    private final Duration timeout;
    private final long refetchIntervalNanos;
    private final Ticker ticker;
    private final HttpClient client;
    private final LoadingCache<URI, JWKSet> cache;
    private final AtomicLong lastRefetch;

    JwksKeys(URI uri, Duration ttl, Duration refetchInterval, Duration timeout, Ticker ticker) {
        this.uri = uri;
        this.timeout = timeout;
        this.refetchIntervalNanos = refetchInterval.toNanos();
        this.ticker = ticker;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.cache = Caffeine.newBuilder()
                .maximumSize(1)
                .refreshAfterWrite(ttl)
                .ticker(ticker)
                // refreshes run on the request's own (virtual) thread: no pool of the plugin's own
                .executor(Runnable::run)
                .build(this::fetch);
        this.lastRefetch = new AtomicLong(ticker.read() - refetchIntervalNanos);
    }

    @Override
    public List<JWK> select(JWKMatcher matcher) throws IOException {
        List<JWK> found = new JWKSelector(matcher).select(current());
        if (found.isEmpty() && mayRefetch()) {
            try {
                cache.refresh(uri).join();
            } catch (CompletionException e) {
                // Caffeine keeps the last good set; the token is checked against it
            }
            found = new JWKSelector(matcher).select(current());
        }
        return found;
    }

    private JWKSet current() throws IOException {
        try {
            return cache.get(uri);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (CompletionException e) {
            throw new IOException("fetching the JWKS failed", e.getCause());
        }
    }

    private boolean mayRefetch() {
        long now = ticker.read();
        long last = lastRefetch.get();
        return now - last >= refetchIntervalNanos && lastRefetch.compareAndSet(last, now);
    }

    private JWKSet fetch(URI key) {
        HttpRequest request = HttpRequest.newBuilder(key).timeout(timeout).header("Accept", "application/json").GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException("the JWKS URL answered " + response.statusCode());
                }
                byte[] bytes = body.readNBytes(MAX_JWKS_BYTES + 1);
                if (bytes.length > MAX_JWKS_BYTES) {
                    throw new IOException("the JWKS is larger than " + MAX_JWKS_BYTES + " bytes");
                }
                // only public keys, whatever the URL serves
                return JWKSet.parse(new String(bytes, StandardCharsets.UTF_8)).toPublicJWKSet();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new UncheckedIOException(new IOException("the JWKS is not a JSON Web Key Set: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while fetching the JWKS"));
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
