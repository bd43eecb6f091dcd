package org.ipledger.agent.replica;

import java.util.Collections;
import java.util.List;

import org.ipledger.agent.AgentProperties;
import org.springframework.stereotype.Component;

/**
 * Which networks and pools this platform sees (docs/design.md, Address model): one with no locations is
 * seen everywhere, one limited to locations only where they meet the platform's; a platform with
 * no locations configured sees everything.
 */
@Component
class Visibility {

    private final List<String> locations;

    Visibility(AgentProperties properties) {
        this.locations = List.copyOf(properties.agent().locations());
    }

    /**
     * A SQL condition that holds when the network or pool ({@code kind}) whose id is the SQL
     * expression {@code id} is visible; a NULL id counts as visible.
     */
    Condition visible(String kind, String id) {
        if (locations.isEmpty()) {
            return new Condition("TRUE", List.of());
        }
        String limited = "SELECT 1 FROM replica_location l WHERE l.kind = '" + kind + "' AND l.entity_id = " + id;
        String placeholders = String.join(", ", Collections.nCopies(locations.size(), "?"));
        return new Condition("(NOT EXISTS (" + limited + ") OR EXISTS (" + limited + " AND l.location IN ("
                + placeholders + ")))", List.copyOf(locations));
    }

    /** A SQL boolean expression and the values of its placeholders. */
    record Condition(String sql, List<Object> params) {
    }
}
