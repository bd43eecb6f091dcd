package org.ipledger.master.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.ipledger.master.ApiClient;
import org.ipledger.master.OneMaster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad input of {@link BadInputTable} gets its status and stable error code from the master,
 * and the database stays as it was. An agent runs the same table.
 */
class BadInputIT extends OneMaster {

    private static BadInputTable.Target target;

    private String checksumBefore;

    @BeforeAll
    static void buildAddressSpace() {
        ApiClient viewer = ApiClient.loggedIn(master.baseUrl(), BadInputTable.createViewer(api), BadInputTable.VIEWER_PASSWORD);
        ApiClient expired = master.adminClient();
        database.jdbc().update("UPDATE auth_token SET expires_at = DATE_SUB(UTC_TIMESTAMP(6), INTERVAL 1 SECOND) "
                + "WHERE token_hash = SHA2(?, 256)", expired.token());
        target = new BadInputTable.Target(api, viewer, expired, BadInputTable.build(api));
    }

    @BeforeEach
    void rememberDatabase() {
        database.ledgerIsGapFree();
        checksumBefore = database.contentChecksum();
    }

    @AfterEach
    void databaseIsUnchanged() {
        assertThat(database.contentChecksum()).isEqualTo(checksumBefore);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.ipledger.master.api.BadInputTable#rows")
    void badInputIsRefusedWithItsStatusAndCode(BadInputTable.Row row) {
        BadInputTable.assertAnswered(row, target);
    }

    @Test
    void noteLongerInUtf8ThanItsColumnIsRefusedNamingTheFieldAndItsSize() {
        // 65,535 characters, but in UTF-8 twice what the TEXT column holds.
        ApiClient.Response response = api.post("/api/v1/networks",
                "{\"cidr\":\"10.79.0.0/24\",\"name\":\"n\",\"note\":\"" + "\u00e9".repeat(65_535) + "\"}");

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.error()).isEqualTo("invalid_field");
        assertThat(response.json().get("message").asString()).contains("note").contains("131070");
    }

    @Test
    void preflightTakesABodyLargerThanTheGeneralLimit() {
        // Two MiB: over the general limit, well within the preflight's; refused for its content only.
        ApiClient.Response response = api.post("/api/v1/preflight",
                "{\"padding\":\"" + "p".repeat(2 << 20) + "\"}");

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.error()).isEqualTo("unknown_field");
    }

    @Test
    void userWhoIsNotAnAdministratorStillReads() {
        assertThat(target.viewer().get("/api/v1/networks").status()).isEqualTo(200);
    }
}
