/**
 * Reports and metrics computed from the audit log alone (pure): {@link io.drydock.store.report.Metrics} replays the
 * events, {@link io.drydock.store.report.ReportWriter} renders the result. Definitions: docs/metrics.md.
 */
@NullMarked
package io.drydock.store.report;

import org.jspecify.annotations.NullMarked;
