package io.drydock.refs.lint;

import java.nio.file.Path;

/** One rule broken at one place; line and column are 1-based. */
public record LintFinding(Rule rule, Path file, int line, int column, String message) {}
