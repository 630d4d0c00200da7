package io.turnpike.server.proxy;

/**
 * What the active health check has seen of one target: healthy until {@code unhealthyThreshold} probes
 * in a row fail, then unhealthy until {@code healthyThreshold} probes in a row succeed. A target starts
 * healthy, so a gateway serves from its first moment rather than after the first probes.
 *
 * <p>Only the target's probe task writes; requests read {@link #healthy()}.
 */
final class ActiveHealth {

    /** What the admin port shows. */
    enum State { HEALTHY, UNHEALTHY, UNCHECKED }

    private final int healthyThreshold;
    private final int unhealthyThreshold;
    private final boolean checked;
    private volatile boolean healthy = true;
    private int successesInARow;
    private int failuresInARow;

    private ActiveHealth(boolean checked, int healthyThreshold, int unhealthyThreshold) {
        this.checked = checked;
        this.healthyThreshold = healthyThreshold;
        this.unhealthyThreshold = unhealthyThreshold;
    }

    static ActiveHealth checked(int healthyThreshold, int unhealthyThreshold) {
        return new ActiveHealth(true, healthyThreshold, unhealthyThreshold);
    }

    static ActiveHealth unchecked() {
        return new ActiveHealth(false, 1, 1);
    }

    boolean healthy() {
        return healthy;
    }

    State state() {
        return !checked ? State.UNCHECKED : healthy ? State.HEALTHY : State.UNHEALTHY;
    }

    /** @return true when this probe changed the verdict */
    boolean probeSucceeded() {
        failuresInARow = 0;
        successesInARow++;
        if (!healthy && successesInARow >= healthyThreshold) {
            healthy = true;
            return true;
        }
        return false;
    }

    /** @return true when this probe changed the verdict */
    boolean probeFailed() {
        successesInARow = 0;
        failuresInARow++;
        if (healthy && failuresInARow >= unhealthyThreshold) {
            healthy = false;
            return true;
        }
        return false;
    }
}
