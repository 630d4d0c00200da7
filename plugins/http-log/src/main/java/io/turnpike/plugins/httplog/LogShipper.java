package io.turnpike.plugins.httplog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.plugins.support.ServiceClient;
import io.turnpike.plugins.support.ServiceFailure;
import io.turnpike.plugins.support.WarningThrottle;

/**
 * Sends entries to the collector in batches, from a bounded queue, on a thread of its own: a request only offers
 * its entry, which never waits. A batch goes when it is full or its first entry has waited {@code flush-interval};
 * one the collector does not take (no answer, a {@code 5xx}, a {@code 429}) is tried again after 1s, 2s, 4s... up to
 * {@code max-retries} times, while new entries queue up behind it. What cannot be sent is dropped and counted,
 * with a warning at most once a minute.
 */
final class LogShipper implements AutoCloseable {

    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** A collector's answer is read only for its status. */
    private static final int MAX_ANSWER_BYTES = 64 * 1024;

    private final Shipping shipping;
    private final System.Logger logger;
    private final ObjectMapper json;
    private final BlockingQueue<LogEntry> queue;
    private final ServiceClient client;
    private final WarningThrottle dropWarnings = new WarningThrottle(Duration.ofMinutes(1), System::nanoTime);
    private final Thread sender;
    private volatile boolean closing;

    /**
     * Starts the sender.
     *
     * @param shipping where and how to send
     * @param logger   where warnings go
     * @param json     writes the entries
     */
    LogShipper(Shipping shipping, System.Logger logger, ObjectMapper json) {
        this.shipping = shipping;
        this.logger = logger;
        this.json = json;
        this.queue = new ArrayBlockingQueue<>(shipping.queueSize());
        this.client = new ServiceClient(shipping.timeout(), 1, MAX_ANSWER_BYTES,
                shipping.tls() == null ? null : shipping.tls().sslContext());
        this.sender = Thread.ofVirtual().name("http-log " + shipping.url()).start(this::run);
    }

    /**
     * Queues an entry; when the queue is full, drops it and counts it.
     *
     * @param entry the entry
     */
    void offer(LogEntry entry) {
        if (!queue.offer(entry)) {
            dropped(List.of(entry), "the queue of " + shipping.queueSize() + " entries is full");
        }
    }

    private void run() {
        List<LogEntry> batch = new ArrayList<>(shipping.batchSize());
        while (!closing) {
            try {
                if (fill(batch)) {
                    ship(batch, shipping.maxRetries());
                    batch.clear();
                }
            } catch (InterruptedException stopping) {
                break;
            }
        }
        // stopping: what is queued gets one try each, so that a reload or a stop loses nothing it need not. The
        // interrupt that said so may still be set, and would fail every call at once.
        Thread.interrupted();
        queue.drainTo(batch);
        for (int from = 0; from < batch.size(); from += shipping.batchSize()) {
            int to = Math.min(batch.size(), from + shipping.batchSize());
            List<LogEntry> last = new ArrayList<>(batch.subList(from, to));
            try {
                ship(last, 0);
            } catch (InterruptedException stopping) {
                dropped(last, "the gateway stopped sending");
            }
        }
    }

    /** Waits for a first entry, then up to {@code flush-interval} for the batch to fill; true when it has one. */
    private boolean fill(List<LogEntry> batch) throws InterruptedException {
        LogEntry first = queue.poll(shipping.flushInterval().toNanos(), TimeUnit.NANOSECONDS);
        if (first == null) {
            return false;
        }
        batch.add(first);
        long deadline = System.nanoTime() + shipping.flushInterval().toNanos();
        while (batch.size() < shipping.batchSize()) {
            queue.drainTo(batch, shipping.batchSize() - batch.size());
            long left = deadline - System.nanoTime();
            if (batch.size() >= shipping.batchSize() || left <= 0) {
                break;
            }
            LogEntry next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            batch.add(next);
        }
        return true;
    }

    private void ship(List<LogEntry> batch, int retries) throws InterruptedException {
        byte[] body = body(batch);
        Duration backoff = FIRST_BACKOFF;
        String reason;
        for (int attempt = 0; ; attempt++) {
            reason = send(body);
            if (reason == null) {
                batch.forEach(entry -> entry.counters().sent().increment());
                return;
            }
            if (attempt >= retries || reason.startsWith("it refused")) {
                break;
            }
            Thread.sleep(backoff);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
        dropped(batch, reason);
    }

    /** @return null when the collector took the batch, else why not */
    private String send(byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(shipping.url())
                .header("Content-Type", shipping.ndjson() ? "application/x-ndjson" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        shipping.headers().forEach(request::header);
        HttpResponse<byte[]> answer;
        try {
            answer = client.send(request);
        } catch (ServiceFailure failure) {
            return failure.getMessage();
        }
        int status = answer.statusCode();
        if (status >= 200 && status < 300) {
            return null;
        }
        // a 4xx other than 429 says the batch itself is refused: sending it again would be refused again
        return status >= 500 || status == 429 ? "it answered " + status : "it refused the batch with " + status;
    }

    private byte[] body(List<LogEntry> batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(batch.size() * 256);
        try {
            if (!shipping.ndjson()) {
                out.write('[');
            }
            for (int i = 0; i < batch.size(); i++) {
                if (i > 0) {
                    out.write(shipping.ndjson() ? '\n' : ',');
                }
                out.write(json.writeValueAsBytes(node(batch.get(i))));
            }
            out.write(shipping.ndjson() ? '\n' : ']');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private ObjectNode node(LogEntry entry) {
        ObjectNode node = json.createObjectNode()
                .put("time", entry.time())
                .put("request-id", entry.requestId())
                .put("client", entry.client())
                .put("method", entry.method())
                .put("path", entry.path())
                .put("status", entry.status())
                .put("bytes", entry.bytes())
                .put("duration-ms", Math.round(entry.durationMs() * 1000) / 1000.0)
                .put("route", entry.route());
        if (entry.consumer() != null) {
            node.put("consumer", entry.consumer());
        }
        if (entry.userAgent() != null) {
            node.put("user-agent", entry.userAgent());
        }
        shipping.customFields().forEach(node::put);
        return node;
    }

    private void dropped(List<LogEntry> entries, String reason) {
        entries.forEach(entry -> entry.counters().dropped().increment());
        long count = dropWarnings.failed();
        if (count > 0) {
            logger.log(System.Logger.Level.WARNING, "dropped log entries for " + shipping.url() + ": " + reason
                    + " (" + count + " drops since the last warning)");
        }
    }

    /** Stops taking new batches, sends what is queued once, and gives up after the timeout. */
    @Override
    public void close() {
        closing = true;
        sender.interrupt();
        try {
            if (!sender.join(shipping.timeout().multipliedBy(2))) {
                logger.log(System.Logger.Level.WARNING, "log entries for " + shipping.url() + " still unsent at stop"
                        + " were dropped");
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } finally {
            client.close();
        }
    }
}
