package io.turnpike.plugins.support;

/** A call to a service gave no whole answer in time; the message says why, for the log. */
public final class ServiceFailure extends Exception {

    /** What kept the answer away, for the plugin to choose its status by. */
    public enum Kind {
        /** Every call allowed was in flight for the whole timeout. */
        BUSY,
        /** No whole answer within the timeout. */
        TIMED_OUT,
        /** No connection, or one that broke. */
        UNREACHABLE,
        /** An answer whose body is larger than allowed. */
        TOO_LARGE
    }

    private final Kind kind;

    ServiceFailure(Kind kind, String reason) {
        super(reason, null, false, false);
        this.kind = kind;
    }

    /** @return what kept the answer away */
    public Kind kind() {
        return kind;
    }
}
