package io.drydock.rollout.control;

/** Unwinds the driving loop when a {@code drydock rollout abort} request arrives. */
final class AbortRequested extends RuntimeException {
  private static final long serialVersionUID = 1L;

  AbortRequested() {
    super("abort requested", null, false, false);
  }
}
