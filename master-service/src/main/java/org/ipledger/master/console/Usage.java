package org.ipledger.master.console;

import java.math.BigInteger;

/** How much of a network or pool is taken: stored (allocated and reserved) addresses of its size. */
public record Usage(long used, BigInteger size) {

    /** Whole per cent, rounded up so that a single address in a /8 still shows. */
    public int percent() {
        if (size.signum() == 0 || used == 0) {
            return 0;
        }
        BigInteger hundredths = BigInteger.valueOf(used).multiply(BigInteger.valueOf(100));
        BigInteger[] divided = hundredths.divideAndRemainder(size);
        return divided[0].add(divided[1].signum() > 0 ? BigInteger.ONE : BigInteger.ZERO).min(BigInteger.valueOf(100)).intValue();
    }
}
