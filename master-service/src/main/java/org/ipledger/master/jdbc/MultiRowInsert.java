package org.ipledger.master.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Inserts many rows with {@code INSERT ... VALUES (...), (...), ...} statements of
 * {@link #ROWS_PER_STATEMENT} rows, each row's values bound by the caller; fewer rows than that
 * go as a JDBC batch.
 *
 * <p>Why not a JDBC batch: Connector/J rewrites a batch into the same statement, but first binds
 * every value twice (once into the batch, once into the rewritten statement) and encodes every
 * value once more only to size the statement against {@code max_allowed_packet}, work that a
 * migration chunk of thousands of addresses pays on the path every chunk waits on.
 *
 * @param <T> a row
 */
public final class MultiRowInsert<T> {

    /** Rows per statement: with 7 values a row, a few hundred KiB sent, well within any packet limit. */
    static final int ROWS_PER_STATEMENT = 1_000;

    private final String oneRowStatement;
    private final String wholeStatement;
    private final int valuesPerRow;
    private final RowBinder<T> binder;

    /**
     * @param head the statement up to {@code VALUES}, e.g. {@code INSERT INTO t (a, b)}
     * @param rowValues one row's values, e.g. {@code (?, ?)}
     * @param binder binds one row's values from a given parameter index on
     */
    public MultiRowInsert(String head, String rowValues, RowBinder<T> binder) {
        this.oneRowStatement = head + " VALUES " + rowValues;
        this.wholeStatement = head + " VALUES " + String.join(", ", Collections.nCopies(ROWS_PER_STATEMENT, rowValues));
        this.valuesPerRow = (int) rowValues.chars().filter(c -> c == '?').count();
        this.binder = binder;
    }

    /**
     * Inserts the rows in their order, in the caller's transaction: whole statements of
     * {@link #ROWS_PER_STATEMENT} rows, the rest as one JDBC batch. Only the whole statement is
     * long; Connector/J caches its parsed form (see {@code prepStmtCacheSqlLimit}), which it
     * could not do for a statement of every length without holding hundreds of them per
     * connection.
     */
    public void insert(JdbcTemplate jdbc, List<T> rows) {
        int whole = rows.size() - rows.size() % ROWS_PER_STATEMENT;
        for (int from = 0; from < whole; from += ROWS_PER_STATEMENT) {
            List<T> slice = rows.subList(from, from + ROWS_PER_STATEMENT);
            jdbc.update(wholeStatement, ps -> {
                int index = 1;
                for (T row : slice) {
                    binder.bind(ps, index, row);
                    index += valuesPerRow;
                }
            });
        }
        List<T> rest = rows.subList(whole, rows.size());
        if (!rest.isEmpty()) {
            jdbc.batchUpdate(oneRowStatement, rest, rest.size(), (ps, row) -> binder.bind(ps, 1, row));
        }
    }

    /** Binds one row's values to the statement's parameters from {@code first} on. */
    @FunctionalInterface
    public interface RowBinder<T> {

        void bind(PreparedStatement ps, int first, T row) throws SQLException;
    }
}
