package io.turnpike.server.observability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Writes one JSON line per request, off the request's thread: a request only puts its entry in a bounded
 * queue, and one writer thread, every 50 ms, renders what has gathered and writes it in one go. When the
 * output cannot keep up and the queue is full, entries are dropped and counted, never waited for: a slow
 * terminal or a full pipe must not slow the traffic down. The count is logged as a warning, at most every
 * ten seconds.
 */
public final class AccessLog implements RequestObserver, AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(AccessLog.class.getName());
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX")
            .withZone(ZoneOffset.UTC);
    private static final JsonFactory JSON = new JsonFactory();
    private static final int BATCH = 1024;
    private static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long DROP_REPORT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long STOP_WAIT_MILLIS = 2_000;

    private static final AccessLog OFF = new AccessLog();

    private final BlockingQueue<CompletedRequest> queue;
    private final OutputStream sink;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong reportedDrops = new AtomicLong();
    private final AtomicLong lastDropReport = new AtomicLong(System.nanoTime() - DROP_REPORT_NANOS);
    private final Thread writer;
    private volatile boolean running = true;

    private AccessLog() {
        this.queue = null;
        this.sink = null;
        this.writer = null;
    }

    private AccessLog(OutputStream sink, int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.sink = sink;
        this.writer = Thread.ofPlatform().daemon().name("turnpike-access-log").unstarted(this::writeUntilClosed);
    }

    /**
     * @param sink     where lines go: standard output in production
     * @param capacity the most entries that may wait for the writer
     * @return a started access log
     */
    public static AccessLog start(OutputStream sink, int capacity) {
        AccessLog log = new AccessLog(sink, capacity);
        log.writer.start();
        return log;
    }

    /** @return an access log that writes nothing */
    public static AccessLog off() {
        return OFF;
    }

    /** Queues one request's line; never blocks. */
    @Override
    public void requestEnded(CompletedRequest entry) {
        if (queue != null && !queue.offer(entry)) {
            dropped.incrementAndGet();
            // reported from here: the writer may be the one stuck, blocked on an output nobody reads
            reportDrops();
        }
    }

    /** Logs the drops not yet reported, at most once every ten seconds, by whichever thread gets there first. */
    private void reportDrops() {
        long now = System.nanoTime();
        long last = lastDropReport.get();
        if (now - last < DROP_REPORT_NANOS || !lastDropReport.compareAndSet(last, now)) {
            return;
        }
        long total = dropped.get();
        long lost = total - reportedDrops.getAndSet(total);
        if (lost > 0) {
            LOGGER.log(System.Logger.Level.WARNING, () -> "access log: " + lost
                    + " lines dropped, as the output did not keep up (server.access-log.queue-lines)");
        }
    }

    /** @return the entries dropped so far, because the queue was full or the output failed */
    public long dropped() {
        return dropped.get();
    }

    /** Writes what is queued, then stops the writer; waits for it a bounded time. */
    @Override
    public void close() {
        if (writer == null) {
            return;
        }
        running = false;
        LockSupport.unpark(writer);
        try {
            writer.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeUntilClosed() {
        List<CompletedRequest> batch = new ArrayList<>(BATCH);
        ByteArrayOutputStream lines = new ByteArrayOutputStream(64 * 1024);
        while (true) {
            // read before draining, so that everything queued before close() is written
            boolean closing = !running;
            queue.drainTo(batch, BATCH);
            if (batch.isEmpty()) {
                if (closing) {
                    return;
                }
                // Sleeping, not waiting on the queue: a waiting writer would be woken by every request, a
                // thread switch per line (it cost a quarter of the throughput); this way lines gather.
                LockSupport.parkNanos(GATHER_NANOS);
                continue;
            }
            try {
                lines.reset();
                render(batch, lines);
                sink.write(lines.toByteArray());
                sink.flush();
            } catch (IOException | UncheckedIOException e) {
                // Standard output gone (a closed pipe): the traffic goes on; the lines are lost, and counted.
                dropped.addAndGet(batch.size());
            }
            batch.clear();
            if (dropped.get() > reportedDrops.get()) {
                reportDrops();
            }
        }
    }

    /** Renders one line. */
    static void render(CompletedRequest entry, OutputStream out) {
        render(List.of(entry), out);
    }

    /** Renders lines with one generator, each entry a JSON object ending in a newline. */
    static void render(List<CompletedRequest> entries, OutputStream out) {
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            // no separator of Jackson's own between the objects: each line ends in a newline instead
            json.setRootValueSeparator(null);
            for (CompletedRequest entry : entries) {
                write(entry, json);
                json.writeRaw('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(CompletedRequest entry, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("time", TIME.format(Instant.ofEpochMilli(entry.timeMillis())));
        json.writeStringField("request-id", entry.requestId());
        json.writeStringField("client", entry.client().getHostAddress());
        json.writeStringField("method", entry.method());
        json.writeStringField("path", entry.path());
        json.writeNumberField("status", entry.status());
        if (entry.bytes() >= 0) {
            json.writeNumberField("bytes", entry.bytes());
        } else {
            json.writeBooleanField("aborted", true);
        }
        json.writeNumberField("duration-ms", millis(entry.durationNanos()));
        if (entry.route() != null) {
            json.writeStringField("route", entry.route());
        }
        if (entry.upstream() != null) {
            json.writeStringField("upstream", entry.upstream());
            json.writeNumberField("upstream-ms", millis(entry.upstreamNanos()));
        }
        if (entry.consumer() != null) {
            json.writeStringField("consumer", entry.consumer());
        }
        if (entry.grpcStatus() != null) {
            json.writeStringField("grpc-status", entry.grpcStatus());
        }
        json.writeEndObject();
    }

    /** Milliseconds with microsecond precision: enough to tell a fast answer from a slow one, short to read. */
    private static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
