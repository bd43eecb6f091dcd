package org.ipledger.master.allocation;

import java.math.BigInteger;
import java.util.Optional;

import inet.ipaddr.IPAddress;
import org.apache.commons.codec.digest.DigestUtils;
import org.ipledger.master.platform.MasterPlatform;
import org.springframework.http.HttpStatus;

/** An operation on the addresses of one pool; operations run in batches under the pool's lock. */
sealed interface PoolOperation {

    long poolId();

    /** The client's request id: a repeat returns the stored reply and has no second effect. */
    Optional<String> requestId();

    String platformId();

    /** What the request asked for, so a request id reused for a different request is caught. */
    String describe();

    /** Applies the operation; returns the body of its success reply, null for none. */
    Object applyTo(PoolChange change);

    HttpStatus successStatus();

    default String fingerprint() {
        return DigestUtils.sha256Hex(describe());
    }

    /** Takes {@code count} lowest free addresses, or the given one, with the given status. */
    record Take(long poolId, Optional<String> requestId, String platformId, int count, Optional<IPAddress> address,
                Optional<String> owner, AddressStatus status) implements PoolOperation {

        @Override
        public String describe() {
            return "take|" + poolId + "|" + count + "|" + address.map(IPAddress::toCanonicalString).orElse("")
                    + "|" + owner.orElse("") + "|" + status;
        }

        @Override
        public Object applyTo(PoolChange change) {
            return change.take(this);
        }

        @Override
        public HttpStatus successStatus() {
            return HttpStatus.CREATED;
        }
    }

    /** Sets the status of one address of the pool, taking it if it is free. */
    record ChangeStatus(long poolId, Optional<String> requestId, String platformId, IPAddress address,
                        AddressStatus status) implements PoolOperation {

        @Override
        public String describe() {
            return "status|" + poolId + "|" + address.toCanonicalString() + "|" + status;
        }

        @Override
        public Object applyTo(PoolChange change) {
            return change.changeStatus(this);
        }

        @Override
        public HttpStatus successStatus() {
            return HttpStatus.OK;
        }
    }

    /** Releases one address of the pool; releasing a free address changes nothing and succeeds. */
    record Release(long poolId, Optional<String> requestId, String platformId, IPAddress address)
            implements PoolOperation {

        @Override
        public String describe() {
            return "release|" + poolId + "|" + address.toCanonicalString();
        }

        @Override
        public Object applyTo(PoolChange change) {
            change.release(this);
            return null;
        }

        @Override
        public HttpStatus successStatus() {
            return HttpStatus.NO_CONTENT;
        }
    }

    /** An operation that only reads the pool's index: no request id, nothing to replay, answered 200. */
    sealed interface Read extends PoolOperation {

        @Override
        default Optional<String> requestId() {
            return Optional.empty();
        }

        @Override
        default String platformId() {
            return MasterPlatform.ID;
        }

        @Override
        default HttpStatus successStatus() {
            return HttpStatus.OK;
        }
    }

    /**
     * Counts the pool's stored addresses in one network per block ({@code blocks} blocks of
     * {@code 2^blockBits} addresses from the value {@code first}). A read, queued like the changes
     * so that it sees the pool's index current and never while a change is applied to it.
     */
    record CountStored(long poolId, long networkId, BigInteger first, int blockBits, int blocks)
            implements Read {

        @Override
        public String describe() {
            return "count|" + poolId + "|" + networkId + "|" + first + "|" + blockBits + "|" + blocks;
        }

        @Override
        public Object applyTo(PoolChange change) {
            return change.countStored(this);
        }
    }

    /** Counts the pool's stored addresses in all its ranges: a read, queued like the changes. */
    record CountUsed(long poolId) implements Read {

        @Override
        public String describe() {
            return "count|" + poolId;
        }

        @Override
        public Object applyTo(PoolChange change) {
            return change.countUsed();
        }
    }
}
