package org.ipledger.master.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code auth_user} table. */
@Repository
class UserRepository {

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String email, String passwordHash, List<String> roles) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO auth_user (email, password, roles) VALUES (?, ?, ?)")
                .params(email, passwordHash, Roles.toJson(roles))
                .update(key);
        return key.getKey().longValue();
    }

    Optional<Credentials> credentials(String email) {
        return jdbc.sql("SELECT id, email, roles, disabled, password FROM auth_user WHERE email = ?").param(email)
                .query((rs, n) -> new Credentials(map(rs, n), rs.getString("password"))).optional();
    }

    Optional<User> find(long id) {
        return jdbc.sql("SELECT id, email, roles, disabled FROM auth_user WHERE id = ?").param(id)
                .query(UserRepository::map).optional();
    }

    Optional<User> find(String email) {
        return jdbc.sql("SELECT id, email, roles, disabled FROM auth_user WHERE email = ?").param(email)
                .query(UserRepository::map).optional();
    }

    void update(long id, List<String> roles, boolean disabled) {
        jdbc.sql("UPDATE auth_user SET roles = ?, disabled = ? WHERE id = ?").params(Roles.toJson(roles), disabled, id).update();
    }

    void updatePassword(long id, String passwordHash) {
        jdbc.sql("UPDATE auth_user SET password = ? WHERE id = ?").params(passwordHash, id).update();
    }

    List<User> page(long afterId, int limit) {
        return jdbc.sql("SELECT id, email, roles, disabled FROM auth_user WHERE id > ? ORDER BY id LIMIT ?")
                .params(afterId, limit).query(UserRepository::map).list();
    }

    boolean any() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM auth_user)").query(Boolean.class).single();
    }

    private static User map(ResultSet rs, int row) throws SQLException {
        return new User(rs.getLong("id"), rs.getString("email"), Roles.fromJson(rs.getString("roles")),
                rs.getBoolean("disabled"));
    }

    /** A user with the hash of their password, for login only. */
    record Credentials(User user, String passwordHash) {
    }
}
