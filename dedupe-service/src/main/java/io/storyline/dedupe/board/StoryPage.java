package io.storyline.dedupe.board;

import java.util.List;

/**
 * One page of stories matching a query.
 *
 * @param items stories on this page, newest activity first
 * @param page  zero-based page number
 * @param size  requested page size
 * @param total stories matching the query over all pages
 */
public record StoryPage<T>(List<T> items, int page, int size, int total) {

    public StoryPage {
        items = List.copyOf(items);
    }
}
