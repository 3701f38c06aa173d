/**
 * The ledger: one facade ({@link io.drydock.store.Ledger}) over a SQLite file or a PostgreSQL database holding the
 * inventory, stored SBOMs and the hash-chained audit log. No SQL outside this package.
 */
@NullMarked
package io.drydock.store;

import org.jspecify.annotations.NullMarked;
