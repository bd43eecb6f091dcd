package org.ipledger.master.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;
import java.util.stream.IntStream;

import org.ipledger.embedded.EmbeddedMariaDb;
import org.ipledger.testing.SharedMariaDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class MultiRowInsertIT {

    private static final MultiRowInsert<String> INSERT = new MultiRowInsert<>("INSERT INTO item (name)", "(?)",
            (ps, first, name) -> ps.setString(first, name));

    private JdbcTemplate jdbc;

    @BeforeEach
    void freshTable() {
        EmbeddedMariaDb server = SharedMariaDb.server();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(SharedMariaDb.newDatabase("rows"), server.username(),
                server.password()));
        jdbc.execute("CREATE TABLE item (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(32) NOT NULL UNIQUE)");
    }

    @Test
    void insertsEveryRowOnceInTheOrderGivenAcrossWholeStatementsAndTheRest() {
        List<String> names = IntStream.range(0, 2 * MultiRowInsert.ROWS_PER_STATEMENT + 345).mapToObj(i -> "n" + i)
                .toList();

        INSERT.insert(jdbc, names);

        assertThat(jdbc.queryForList("SELECT name FROM item ORDER BY id", String.class)).containsExactlyElementsOf(names);
    }

    @Test
    void aDuplicateKeyInAWholeStatementIsReportedAsOneSoCallersCanRetry() {
        INSERT.insert(jdbc, List.of("n7"));
        List<String> names = IntStream.range(0, MultiRowInsert.ROWS_PER_STATEMENT).mapToObj(i -> "n" + i).toList();

        assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> INSERT.insert(jdbc, names));
        assertThat(jdbc.queryForList("SELECT name FROM item", String.class)).containsExactly("n7");
    }

    @Test
    void aDuplicateKeyAmongTheRestIsReportedAsOneAndTheirStatementWritesNone() {
        INSERT.insert(jdbc, List.of("r3"));
        List<String> names = IntStream.range(0, 5).mapToObj(i -> "r" + i).toList();

        assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> INSERT.insert(jdbc, names));
        assertThat(jdbc.queryForList("SELECT name FROM item", String.class)).containsExactly("r3");
    }

    @Test
    void noRowsWritesNothing() {
        INSERT.insert(jdbc, List.of());

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM item", Integer.class)).isZero();
    }
}
