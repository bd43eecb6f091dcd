package org.ipledger.embedded;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/**
 * Sets the super user's SCRAM credential at every start, logged in as the controller user (who
 * needs no SCRAM credential). The formatter adds it to a new directory; this also gives it to a
 * directory formatted before the broker had users, and makes a changed password take effect.
 */
final class SuperUserCredential {

    /** Twice the 4,096 iterations that Kafka requires at least and its tools use by default: a stolen hash costs more to guess. */
    private static final int ITERATIONS = 8192;

    private static final long TIMEOUT_SECONDS = 30;

    private SuperUserCredential() {
    }

    static void apply(BrokerSettings settings) {
        ScramUser user = settings.superUser();
        try (Admin admin = Admin.create(settings.internalClient())) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user.name(),
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), user.password())))
                    .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while setting the credential of " + user, ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("Could not set the credential of " + user, ex);
        }
    }

}
