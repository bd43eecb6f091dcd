package org.ipledger.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class PatchTests {

    private static final Set<String> CHANGEABLE = Set.of("name", "vlan", "locations", "note");

    @Test
    void unknownFieldIsRefusedByName() {
        assertThatThrownBy(() -> new Patch(Map.of("name", "n", "colour", "red"), CHANGEABLE))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("unknown_field");
                    assertThat(e.getMessage()).contains("'colour'");
                });
    }

    @Test
    void emptyBodyIsRefused() {
        assertRefused(() -> new Patch(Map.of(), CHANGEABLE), "empty_patch");
        assertRefused(() -> new Patch(null, CHANGEABLE), "empty_patch");
    }

    @Test
    void absentFieldKeepsTheCurrentValue() {
        Patch patch = new Patch(Map.of("note", "n"), CHANGEABLE);

        assertThat(patch.string("name", "current")).isEqualTo("current");
        assertThat(patch.integer("vlan", 7)).isEqualTo(7);
        assertThat(patch.strings("locations", List.of("here"))).containsExactly("here");
        assertThat(patch.clears("name")).isFalse();
    }

    @Test
    void nullFieldClearsTheValue() {
        Map<String, Object> body = new HashMap<>();
        body.put("note", null);
        body.put("vlan", null);
        body.put("locations", null);
        Patch patch = new Patch(body, CHANGEABLE);

        assertThat(patch.string("note", "current")).isNull();
        assertThat(patch.integer("vlan", 7)).isNull();
        assertThat(patch.strings("locations", List.of("here"))).isNull();
        assertThat(patch.clears("note")).isTrue();
        assertThat(patch.clears("name")).isFalse();
    }

    @Test
    void givenValueReplacesTheCurrentOne() {
        Patch patch = new Patch(Map.of("name", "new", "vlan", 12, "locations", List.of("a", "b")), CHANGEABLE);

        assertThat(patch.string("name", "old")).isEqualTo("new");
        assertThat(patch.integer("vlan", 7)).isEqualTo(12);
        assertThat(patch.strings("locations", List.of())).containsExactly("a", "b");
    }

    @Test
    void valueOfTheWrongTypeIsRefusedNamingTheField() {
        assertInvalid(Map.of("name", 5), patch -> patch.string("name", null), "name");
        assertInvalid(Map.of("vlan", "ten"), patch -> patch.integer("vlan", null), "vlan");
        assertInvalid(Map.of("vlan", 1.5), patch -> patch.integer("vlan", null), "vlan");
        assertInvalid(Map.of("locations", "here"), patch -> patch.strings("locations", null), "locations");
        assertInvalid(Map.of("locations", List.of("a", 1)), patch -> patch.strings("locations", null), "locations");
    }

    private static void assertInvalid(Map<String, Object> body, Consumer<Patch> read, String field) {
        Patch patch = new Patch(body, CHANGEABLE);
        assertThatThrownBy(() -> read.accept(patch)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo("invalid_field");
            assertThat(e.getMessage()).startsWith(field + " must be");
        });
    }

    private static void assertRefused(ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
