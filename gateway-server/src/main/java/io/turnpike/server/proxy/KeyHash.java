package io.turnpike.server.proxy;

/**
 * Hashes of the keys that place requests: a split's point, a consistent-hash ring's points and keys. Keys that
 * differ little (addresses of one subnet, {@code user-1} and {@code user-2}) must land far apart, which
 * {@link String#hashCode()} alone does not do.
 */
final class KeyHash {

    private static final long FNV_OFFSET = 0xCBF29CE484222325L;
    private static final long FNV_PRIME = 0x100000001B3L;

    private KeyHash() {
    }

    /**
     * @param key any string
     * @return a 64-bit hash of all its characters (FNV-1a), spread by {@link #mix(long)}
     */
    static long of(String key) {
        long hash = FNV_OFFSET;
        for (int i = 0; i < key.length(); i++) {
            hash = (hash ^ key.charAt(i)) * FNV_PRIME;
        }
        return mix(hash);
    }

    /**
     * SplitMix64's finalizer: a bijection of 64-bit values in which each input bit changes about half of the
     * output bits.
     *
     * @param value any value
     * @return its mix
     */
    static long mix(long value) {
        long z = value * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
