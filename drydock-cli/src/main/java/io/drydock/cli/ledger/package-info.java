/**
 * The record stage's commands: {@code inventory}, {@code rescan}, {@code affected}, {@code audit}, {@code report}.
 * They open the ledger through {@link io.drydock.cli.ledger.LedgerOptions} and render what it returns.
 */
@NullMarked
package io.drydock.cli.ledger;

import org.jspecify.annotations.NullMarked;
