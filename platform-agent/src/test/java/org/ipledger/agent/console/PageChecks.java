package org.ipledger.agent.console;

import java.util.List;

import org.ipledger.testing.Browser;

/** What a page shows a phone or a keyboard user, read in the browser from the rendered page. */
final class PageChecks {

    private PageChecks() {
    }

    /** How many pixels the page is wider than the window: a phone scrolls sideways when it is more than 0. */
    static long overflow(Browser browser) {
        return (Long) browser.driver().executeScript(
                "return document.scrollingElement.scrollWidth - window.innerWidth;");
    }

    /** The fields (except hidden ones) that no label and no aria-label names, as {@code tag#id name=…}. */
    @SuppressWarnings("unchecked")
    static List<String> unlabelledFields(Browser browser) {
        return (List<String>) browser.driver().executeScript("""
                return [...document.querySelectorAll('input, select, textarea')]
                    .filter(f => f.type !== 'hidden')
                    .filter(f => f.labels.length === 0 && !f.getAttribute('aria-label')
                        && !f.getAttribute('aria-labelledby'))
                    .map(f => f.tagName.toLowerCase() + '#' + f.id + ' name=' + f.name);""");
    }
}
