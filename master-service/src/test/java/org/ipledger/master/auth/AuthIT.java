package org.ipledger.master.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;

import org.ipledger.master.ApiClient;
import org.ipledger.master.ApiClient.Response;
import org.ipledger.master.OneMaster;
import org.ipledger.master.MasterInstance;
import org.junit.jupiter.api.Test;

class AuthIT extends OneMaster {

    @Test
    void operatorSqlMakesAUserAnAdministratorWithinTheTokenCacheTime() {
        String email = "operator-" + UUID.randomUUID() + "@example.com";
        assertThat(api.post("/api/v1/users", user(email, "[]")).status()).isEqualTo(201);
        ApiClient user = loggedIn(email);
        assertThat(user.post("/api/v1/pools", "{\"name\":\"p\"}").status()).isEqualTo(403);

        database.jdbc().execute("update auth_user set roles='[\"@admin\"]' where email='" + email + "';");

        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> user.post("/api/v1/pools", "{\"name\":\"p\"}").status() == 201);
        Response login = new ApiClient(master.baseUrl(), null).post("/api/v1/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"a-long-password\"}");
        assertThat(login.json().get("roles").get(0).asString()).isEqualTo("@admin");
    }

    @Test
    void aPasswordOverSeventyTwoBytesIsRefusedAsTooLongAndNeverMatchesAtLogin() {
        String email = "long-" + UUID.randomUUID() + "@example.com";
        String seventyThreeBytes = "ä".repeat(36) + "x";

        Response created = api.post("/api/v1/users",
                "{\"email\":\"" + email + "\",\"password\":\"" + seventyThreeBytes + "\",\"roles\":[]}");
        Response login = new ApiClient(master.baseUrl(), null).post("/api/v1/auth/login",
                "{\"email\":\"" + MasterInstance.ADMIN_EMAIL + "\",\"password\":\"" + seventyThreeBytes + "\"}");

        assertThat(created.status()).as(created.body()).isEqualTo(400);
        assertThat(created.error()).isEqualTo("password_too_long");
        assertThat(created.json().get("message").asString()).contains("72 bytes");
        assertThat(login.status()).as(login.body()).isEqualTo(401);
        assertThat(login.error()).isEqualTo("invalid_credentials");
        assertThat(database.count("SELECT COUNT(*) FROM auth_user WHERE email = ?", email)).isZero();
    }

    @Test
    void logoutRevokesThePresentedTokenAtOnceAndNoOther() {
        String email = newUser("[]");
        ApiClient first = loggedIn(email);
        ApiClient second = loggedIn(email);

        Response logout = first.post("/api/v1/auth/logout", "");

        assertThat(logout.status()).as(logout.body()).isEqualTo(204);
        assertThat(first.get("/api/v1/networks").status()).isEqualTo(401);
        assertThat(first.get("/api/v1/networks").error()).isEqualTo("invalid_token");
        assertThat(second.get("/api/v1/networks").status()).isEqualTo(200);
    }

    @Test
    void aPlatformsTokenIsNotLoggedOut() {
        ApiClient platform = api.withToken(api.post("/api/v1/platforms", "{\"name\":\"p\",\"kind\":\"vmmanager\","
                + "\"instanceId\":\"" + UUID.randomUUID() + "\"}").json().get("token").asString());

        Response logout = platform.post("/api/v1/auth/logout", "");

        assertThat(logout.status()).isEqualTo(400);
        assertThat(logout.error()).isEqualTo("not_a_login");
        assertThat(platform.get("/api/v1/networks").status()).isEqualTo(200);
    }

    @Test
    void meNamesTheTokensUserAndTheirRolesNow() {
        String email = newUser("[]");
        ApiClient user = loggedIn(email);

        Response me = user.get("/api/v1/auth/me");

        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().get("email").asString()).isEqualTo(email);
        assertThat(me.json().get("roles")).isEmpty();
        assertThat(me.json().get("expiresAt").asString()).isNotBlank();
    }

    @Test
    void disablingAUserRevokesTheirTokensAtOnceAndRefusesTheirLoginUntilEnabledAgain() {
        String email = newUser("[\"@admin\"]");
        ApiClient user = loggedIn(email);

        Response disabled = api.patch("/api/v1/users/" + email, "{\"disabled\":true}");

        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.json().get("disabled").asBoolean()).isTrue();
        assertThat(user.get("/api/v1/networks").status()).isEqualTo(401);
        assertThat(login(email, "a-long-password").error()).isEqualTo("user_disabled");
        assertThat(api.patch("/api/v1/users/" + email, "{\"disabled\":false}").status()).isEqualTo(200);
        assertThat(login(email, "a-long-password").status()).isEqualTo(200);
    }

    @Test
    void aDemotedAdministratorLosesAdminRightsAtOnce() {
        String email = newUser("[\"@admin\"]");
        ApiClient user = loggedIn(email);
        assertThat(user.get("/api/v1/users").status()).isEqualTo(200);

        Response demoted = api.patch("/api/v1/users/" + email, "{\"roles\":[]}");

        assertThat(demoted.status()).as(demoted.body()).isEqualTo(200);
        assertThat(user.get("/api/v1/users").status()).isEqualTo(403);
        assertThat(user.get("/api/v1/networks").status()).isEqualTo(200);
    }

    @Test
    void anAdministratorCannotDisableThemselvesNorTakeAdminFromThemselves() {
        Response demoted = api.patch("/api/v1/users/" + MasterInstance.ADMIN_EMAIL, "{\"roles\":[]}");
        Response disabled = api.patch("/api/v1/users/" + MasterInstance.ADMIN_EMAIL, "{\"disabled\":true}");

        assertThat(demoted.status()).isEqualTo(409);
        assertThat(demoted.error()).isEqualTo("self_lockout");
        assertThat(disabled.error()).isEqualTo("self_lockout");
        assertThat(api.get("/api/v1/users").status()).isEqualTo(200);
    }

    @Test
    void aPasswordResetRevokesTheUsersTokensAndOnlyTheNewPasswordLogsIn() {
        String email = newUser("[]");
        ApiClient user = loggedIn(email);

        Response reset = api.patch("/api/v1/users/" + email, "{\"password\":\"another-long-password\"}");

        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        assertThat(reset.body()).doesNotContain("password");
        assertThat(user.get("/api/v1/networks").status()).isEqualTo(401);
        assertThat(login(email, "a-long-password").status()).isEqualTo(401);
        assertThat(login(email, "another-long-password").status()).isEqualTo(200);
    }

    @Test
    void changingAUserRefusesUnknownFieldsBadPasswordsUnknownUsersAndNonAdministrators() {
        String email = newUser("[]");
        ApiClient user = loggedIn(email);

        Response unknown = api.patch("/api/v1/users/" + email, "{\"email\":\"x@example.com\"}");
        Response tooLong = api.patch("/api/v1/users/" + email, "{\"password\":\"" + "ä".repeat(37) + "\"}");
        Response weak = api.patch("/api/v1/users/" + email, "{\"password\":\"short\"}");
        Response badRole = api.patch("/api/v1/users/" + email, "{\"roles\":[\"@root\"]}");
        Response badFlag = api.patch("/api/v1/users/" + email, "{\"disabled\":\"yes\"}");
        Response nobody = api.patch("/api/v1/users/nobody-" + UUID.randomUUID() + "@example.com", "{\"disabled\":true}");
        Response byUser = user.patch("/api/v1/users/" + email, "{\"roles\":[\"@admin\"]}");

        assertThat(unknown.error()).isEqualTo("unknown_field");
        assertThat(unknown.json().get("message").asString()).contains("'email'");
        assertThat(tooLong.error()).isEqualTo("password_too_long");
        assertThat(weak.error()).isEqualTo("weak_password");
        assertThat(badRole.error()).isEqualTo("invalid_role");
        assertThat(badFlag.error()).isEqualTo("invalid_field");
        assertThat(nobody.status()).isEqualTo(404);
        assertThat(nobody.error()).isEqualTo("user_not_found");
        assertThat(byUser.status()).isEqualTo(403);
        assertThat(login(email, "a-long-password").json().get("roles")).isEmpty();
    }

    @Test
    void passwordsAreStoredHashedWithANamedStandardAlgorithm() {
        String hash = database.jdbc().queryForObject("SELECT password FROM auth_user WHERE email = ?", String.class,
                MasterInstance.ADMIN_EMAIL);

        assertThat(hash).startsWith("{bcrypt}$2").doesNotContain(MasterInstance.ADMIN_PASSWORD);
    }

    @Test
    void wrongPasswordIsRefusedWithoutSayingWhichPartWasWrong() {
        Response wrongPassword = new ApiClient(master.baseUrl(), null).post("/api/v1/auth/login",
                "{\"email\":\"" + MasterInstance.ADMIN_EMAIL + "\",\"password\":\"nope-nope\"}");
        Response unknownUser = new ApiClient(master.baseUrl(), null).post("/api/v1/auth/login",
                "{\"email\":\"nobody@example.com\",\"password\":\"nope-nope\"}");

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.error()).isEqualTo("invalid_credentials");
        assertThat(unknownUser.body()).isEqualTo(wrongPassword.body());
    }

    @Test
    void usersAreListedWithoutPasswordsAndDuplicatesAreRefused() {
        String email = "dup-" + UUID.randomUUID() + "@example.com";
        assertThat(api.post("/api/v1/users", user(email, "[]")).status()).isEqualTo(201);

        Response duplicate = api.post("/api/v1/users", user(email, "[]"));
        Response list = api.get("/api/v1/users?limit=1000");

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.error()).isEqualTo("user_exists");
        assertThat(list.body()).contains(email).doesNotContain("password");
    }

    @Test
    void infoAndOpenApiDocumentAreServedWithoutAToken() {
        ApiClient anonymous = new ApiClient(master.baseUrl(), null);

        Response info = anonymous.get("/api/v1/info");
        Response openApi = anonymous.get("/v3/api-docs");

        assertThat(info.json().get("role").asString()).isEqualTo("master");
        assertThat(info.json().get("instanceId").asString()).isNotBlank();
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.body()).contains("/api/v1/pools/{id}/allocations");
    }

    private static String newUser(String roles) {
        String email = "user-" + UUID.randomUUID() + "@example.com";
        assertThat(api.post("/api/v1/users", user(email, roles)).status()).isEqualTo(201);
        return email;
    }

    private static ApiClient loggedIn(String email) {
        return ApiClient.loggedIn(master.baseUrl(), email, "a-long-password");
    }

    private static Response login(String email, String password) {
        return new ApiClient(master.baseUrl(), null).post("/api/v1/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    }

    private static String user(String email, String roles) {
        return "{\"email\":\"" + email + "\",\"password\":\"a-long-password\",\"roles\":" + roles + "}";
    }
}
