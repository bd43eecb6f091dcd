package org.ipledger.master.commands;

import java.util.Optional;

import org.ipledger.master.allocation.Reply;
import org.ipledger.web.ApiException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The processed-command log for commands outside the allocation engine (which keeps its own). */
@Repository
class CommandLog {

    private final JdbcClient jdbc;

    CommandLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored reply of a platform's request id; the same id for a different command is refused. */
    Optional<Reply> find(String platformId, String requestId, String fingerprint) {
        return jdbc.sql("SELECT fingerprint, status, response FROM processed_command WHERE platform_id = ? AND request_id = ?")
                .params(platformId, requestId)
                .query((rs, n) -> {
                    if (!rs.getString(1).equals(fingerprint)) {
                        throw ApiException.conflict("request_id_reused", "requestId " + requestId
                                + " was already used for a different request; use a new requestId for a new request.");
                    }
                    return new Reply(rs.getInt(2), rs.getString(3));
                })
                .optional();
    }

    void store(String requestId, String fingerprint, Reply reply, String platformId) {
        jdbc.sql("INSERT INTO processed_command (request_id, fingerprint, status, response, platform_id) VALUES (?, ?, ?, ?, ?)")
                .params(requestId, fingerprint, reply.status(), reply.body(), platformId)
                .update();
    }
}
