package io.drydock.model;

/**
 * Something that was deliberately not processed — a hostile tar entry, an unreadable package DB, an archive
 * nested too deep — counted and reported instead of failing the whole run.
 *
 * @param where what was skipped (layer and path, file, record id)
 * @param reason why, in a few words ({@code path escapes the root}, {@code device file})
 */
public record Skip(String where, String reason) {}
