package io.drydock.image.registry;

import io.drydock.model.ErrorKind;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The {@code rel="next"} target of an RFC 8288 {@code Link} header, as registries paginate tag lists. Pure. */
final class LinkHeader {
  private LinkHeader() {}

  /**
   * The next page of a paginated listing ({@code _catalog}, {@code tags/list}): the {@code Link} header's next target
   * resolved against the page that was requested, or null on the last page. A malformed target or one on another
   * host than {@code base} is INVALID_INPUT: a registry must not send the client's credentials elsewhere.
   */
  static @Nullable String nextPage(Optional<String> link, URI requested, URI base, String action) {
    Optional<String> target = link.flatMap(LinkHeader::next);
    if (target.isEmpty()) {
      return null;
    }
    URI resolved;
    try {
      resolved = requested.resolve(target.get());
    } catch (IllegalArgumentException e) {
      throw Http.failure(ErrorKind.INVALID_INPUT, action, "the registry sent a malformed Link header");
    }
    if (!Http.sameOrigin(base, resolved)) {
      throw Http.failure(ErrorKind.INVALID_INPUT, action, "the registry's next page is on another host ("
          + resolved.getHost() + ")");
    }
    return resolved.toString();
  }

  /** The URI reference inside {@code <…>} of the link whose {@code rel} includes {@code next}. */
  static Optional<String> next(String header) {
    int i = 0;
    while (i < header.length()) {
      int open = header.indexOf('<', i);
      if (open < 0) {
        return Optional.empty();
      }
      int close = header.indexOf('>', open + 1);
      if (close < 0) {
        return Optional.empty();
      }
      String target = header.substring(open + 1, close).trim();
      int nextLink = header.indexOf('<', close + 1);
      String params = nextLink < 0 ? header.substring(close + 1) : header.substring(close + 1, nextLink);
      for (String param : params.split(";")) {
        int eq = param.indexOf('=');
        if (eq < 0) {
          continue;
        }
        String name = param.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        String value = param.substring(eq + 1).trim().replace(",", "").trim();
        if (value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2) {
          value = value.substring(1, value.length() - 1);
        }
        if (name.equals("rel")) {
          for (String rel : value.toLowerCase(Locale.ROOT).split("\\s+")) {
            if (rel.equals("next") && !target.isEmpty()) {
              return Optional.of(target);
            }
          }
        }
      }
      i = close + 1;
    }
    return Optional.empty();
  }
}
