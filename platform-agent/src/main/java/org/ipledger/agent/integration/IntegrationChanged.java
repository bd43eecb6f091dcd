package org.ipledger.agent.integration;

/**
 * Published (as a Spring application event) when the integration's state changes, and once at
 * start with the stored state, so that capture, the replica and the writes resume after a restart.
 *
 * @param previous the state before; equal to current for the event at start
 */
public record IntegrationChanged(IntegrationState previous, Integration current) {

    /** The link to the master, present in every joined state. */
    public java.util.Optional<MasterLink> link() {
        return current.link();
    }

    /** The platform has just left its master (a detach); not the event at the start of an unconfigured agent. */
    public boolean detached() {
        return previous != IntegrationState.UNCONFIGURED && current.state() == IntegrationState.UNCONFIGURED;
    }
}
