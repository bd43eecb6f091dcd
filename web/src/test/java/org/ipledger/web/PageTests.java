package org.ipledger.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class PageTests {

    @Test
    void rowsUpToTheLimitAreTheLastPage() {
        Page<Integer> page = Page.of(List.of(1, 2, 3), 3, String::valueOf);

        assertThat(page.items()).containsExactly(1, 2, 3);
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void theExtraRowIsLeftOutAndTheCursorIsTheLastItemShown() {
        Page<Integer> page = Page.of(List.of(1, 2, 3, 4), 3, i -> "after-" + i);

        assertThat(page.items()).containsExactly(1, 2, 3);
        assertThat(page.nextCursor()).isEqualTo("after-3");
    }

    @Test
    void noCursorStartsAtTheFirstId() {
        assertThat(Page.idCursor(null)).isZero();
        assertThat(Page.idCursor(" ")).isZero();
        assertThat(Page.idCursor("42")).isEqualTo(42);
    }

    @Test
    void aCursorThatIsNotAnIdIsABadRequest() {
        assertThatThrownBy(() -> Page.idCursor("10.0.0.1"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(e.code()).isEqualTo("invalid_cursor");
                })
                .hasMessageContaining("'10.0.0.1'");
    }

    @Test
    void noLimitIsTheDefaultAndTheBoundsAreAccepted() {
        assertThat(Page.limit(null)).isEqualTo(Page.DEFAULT_LIMIT);
        assertThat(Page.limit(1)).isEqualTo(1);
        assertThat(Page.limit(Page.MAX_LIMIT)).isEqualTo(Page.MAX_LIMIT);
    }

    @Test
    void aLimitOutsideOneToTheMaximumIsABadRequest() {
        for (int limit : new int[] {0, -1, Page.MAX_LIMIT + 1}) {
            assertThatThrownBy(() -> Page.limit(limit))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("invalid_limit"))
                    .hasMessageContaining("got " + limit);
        }
    }
}
