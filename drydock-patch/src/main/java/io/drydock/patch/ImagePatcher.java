package io.drydock.patch;

/**
 * Produces the patched image for a plan: builds or patches it, rescans it, tags it immutably and pushes it. Two
 * implementations: the base-bump rebuild ({@code io.drydock.patch.rebuild}) and the in-place OS package patch
 * ({@code io.drydock.patch.inplace}). Nothing is pushed when any step fails.
 */
public interface ImagePatcher {

  PatchResult patch(PatchRequest request) throws PatchException;
}
