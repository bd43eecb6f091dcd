package org.ipledger.agent.capture;

import java.util.ArrayList;
import java.util.List;

/**
 * Consecutive ids {@code first..last} of one platform table, all of them rows the agent knows of:
 * a compact way to name many rows, since the platform's ids are mostly consecutive.
 */
public record IdRun(long first, long last) {

    public IdRun {
        if (first > last) {
            throw new IllegalArgumentException("empty run " + first + ".." + last);
        }
    }

    public long size() {
        return last - first + 1;
    }

    /** Collects ascending ids into runs. */
    public static final class Builder {

        private final List<IdRun> runs = new ArrayList<>();
        private long first = -1;
        private long last = -1;

        /** Adds the next id, greater than every id added before. */
        public void add(long id) {
            if (first >= 0 && id == last + 1) {
                last = id;
                return;
            }
            flush();
            first = id;
            last = id;
        }

        public List<IdRun> build() {
            flush();
            return List.copyOf(runs);
        }

        private void flush() {
            if (first >= 0) {
                runs.add(new IdRun(first, last));
                first = -1;
            }
        }
    }
}
