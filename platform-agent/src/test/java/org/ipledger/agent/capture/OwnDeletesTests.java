package org.ipledger.agent.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.ipledger.schemas.change.PlatformTable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent's own deletes are recognised, also when rows confirmed before are confirmed again with new ones,
 * and forgotten once capture has handled them.
 */
class OwnDeletesTests {

    private final JdbcDataSource state = new JdbcDataSource();

    @BeforeEach
    void migrate() {
        state.setURL("jdbc:h2:mem:own-deletes-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(state).locations("classpath:db/agent").load().migrate();
    }

    @Test
    void aRunOverlappingOneRecordedBeforeRecordsItsNewIdsAndKeepsTheEarlierPositionOfTheOld() {
        OwnDeletes deletes = new OwnDeletes(state);
        deletes.record(PlatformTable.IP, List.of(new IdRun(100, 110)), at(10));
        // After a restart the same rows are confirmed again, together with rows captured since.
        deletes.record(PlatformTable.IP, List.of(new IdRun(95, 130)), at(20));

        assertThat(deletes.isOwn("ip", 105, at(15).sequence(0))).isTrue();
        assertThat(deletes.isOwn("ip", 120, at(15).sequence(0))).as("recorded from position 20 only").isFalse();
        assertThat(deletes.isOwn("ip", 120, at(25).sequence(0))).isTrue();
        assertThat(deletes.isOwn("ip", 95, at(25).sequence(0))).isTrue();
        assertThat(deletes.isOwn("ip", 131, at(25).sequence(0))).isFalse();
        assertThat(deletes.isOwn("ippool", 105, at(25).sequence(0))).isFalse();

        OwnDeletes afterRestart = new OwnDeletes(state);
        assertThat(afterRestart.isOwn("ip", 125, at(25).sequence(0))).isTrue();
        assertThat(afterRestart.isOwn("ip", 105, at(15).sequence(0))).isTrue();
    }

    @Test
    void aRunIsForgottenOnceCaptureHasHandledPastTheCommitOfItsDeleteAndNotBefore() {
        OwnDeletes deletes = new OwnDeletes(state);
        deletes.record(PlatformTable.IP, List.of(new IdRun(1, 10)), at(10));
        deletes.deleted(PlatformTable.IP, List.of(new IdRun(1, 10)), at(30));

        deletes.prune(at(29).sequence(0));
        assertThat(deletes.isOwn("ip", 5, at(20).sequence(0))).isTrue();
        deletes.prune(at(30).sequence(0));
        assertThat(deletes.isOwn("ip", 5, at(20).sequence(0))).isFalse();
        assertThat(new OwnDeletes(state).isOwn("ip", 5, at(20).sequence(0))).isFalse();
    }

    @Test
    void aRunWhoseRowsAreBeingDeletedAgainIsKeptUntilThatDeleteHasCommitted() {
        OwnDeletes deletes = new OwnDeletes(state);
        deletes.record(PlatformTable.IP, List.of(new IdRun(1, 10)), at(10));
        deletes.deleted(PlatformTable.IP, List.of(new IdRun(1, 10)), at(30));
        // After a restart the rows are confirmed again, and deleted a second time.
        deletes.record(PlatformTable.IP, List.of(new IdRun(5, 15)), at(40));

        deletes.prune(at(100).sequence(0));
        assertThat(deletes.isOwn("ip", 5, at(50).sequence(0))).isTrue();
        assertThat(deletes.isOwn("ip", 12, at(50).sequence(0))).isTrue();

        deletes.deleted(PlatformTable.IP, List.of(new IdRun(5, 15)), at(60));
        deletes.prune(at(100).sequence(0));
        assertThat(deletes.isOwn("ip", 5, at(50).sequence(0))).isFalse();
        assertThat(deletes.isOwn("ip", 12, at(50).sequence(0))).isFalse();
    }

    private static BinlogPosition at(long position) {
        return new BinlogPosition("binlog.000001", position);
    }
}
