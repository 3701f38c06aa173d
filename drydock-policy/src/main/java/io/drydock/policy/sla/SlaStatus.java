package io.drydock.policy.sla;

/** Where one finding stands against its patch SLA. */
public sealed interface SlaStatus {

  /** No fix is available (or no SLA covers the severity): the clock has not started. */
  record NotApplicable(String why) implements SlaStatus {}

  /** More than the warning margin is left. */
  record Within(long daysLeft) implements SlaStatus {}

  /** The deadline is at most the warning margin away. */
  record DueSoon(long days) implements SlaStatus {}

  /** The deadline has passed. */
  record Overdue(long days) implements SlaStatus {}

  /** How a report says it: {@code within SLA (12 days left)}, {@code due in 2 days}, {@code overdue by 3 days}. */
  default String describe() {
    if (this instanceof Within w) {
      return "within SLA (" + plural(w.daysLeft()) + " left)";
    } else if (this instanceof DueSoon d) {
      return "due in " + plural(d.days());
    } else if (this instanceof Overdue o) {
      return "overdue by " + plural(o.days());
    }
    return "no SLA: " + ((NotApplicable) this).why();
  }

  private static String plural(long n) {
    return n + (n == 1 ? " day" : " days");
  }
}
