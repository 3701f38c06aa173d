/**
 * Rust crates: Cargo's lockfile and the dependency list that {@code cargo auditable} embeds in binaries.
 * Matched against OSV {@code crates.io} with SemVer precedence.
 */
@NullMarked
package io.drydock.scan.analyzer.rust;

import org.jspecify.annotations.NullMarked;
