package uk.nhs.phm.pipeline.synth;

/**
 * Pseudonymised person tokens: {@code P} + 11 Crockford base-32 characters. The index is put through a
 * seed-keyed bijection of 55-bit integers, so tokens are unique without a lookup set, look random, and are
 * never 10-digit numbers (so no token can be mistaken for an NHS number).
 */
final class PersonTokens {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int BITS = 55;
    private static final long MASK = (1L << BITS) - 1;
    /** Indices at and above this are never given to a real person: orphan rows use them. */
    static final long ORPHAN_BASE = 1L << 50;

    private final long key1;
    private final long key2;

    PersonTokens(long seed) {
        long z = SplitMix.mix(seed ^ 0x5DEECE66DL);
        this.key1 = z & MASK;
        this.key2 = SplitMix.mix(z) & MASK;
    }

    String token(long index) {
        long x = index & MASK;
        // Each step is a bijection on 55-bit values: xor with a key, multiply by an odd constant, xorshift.
        for (int round = 0; round < 3; round++) {
            x ^= round == 1 ? key2 : key1;
            x = (x * 0x9E3779B97F4A7C15L) & MASK;
            x ^= x >>> 23;
            x = (x * 0xBF58476D1CE4E5B9L) & MASK;
            x ^= x >>> 29;
        }
        char[] out = new char[12];
        out[0] = 'P';
        for (int i = 11; i >= 1; i--) {
            out[i] = ALPHABET[(int) (x & 31)];
            x >>>= 5;
        }
        return new String(out);
    }

    /** Seed mixing shared by the generator (one independent random stream per person). */
    static final class SplitMix {
        private SplitMix() {
        }

        static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }
}
