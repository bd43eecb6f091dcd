package org.ipledger.web;

/** Which ipledger a service is, as {@code GET /api/v1/info} tells it: each service has one such bean. */
public interface InstanceIdentity {

    /** The role of a master in {@code GET /api/v1/info}. */
    String MASTER = "master";
    /** The role of a platform agent in {@code GET /api/v1/info}. */
    String AGENT = "agent";

    /** The installation's id, the same in every process of one installation. */
    String instanceId();

    /** {@link #MASTER} or {@link #AGENT}. */
    String role();
}
