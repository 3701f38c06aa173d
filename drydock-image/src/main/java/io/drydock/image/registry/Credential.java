package io.drydock.image.registry;

/** Credentials for one registry, as Docker stores them. */
sealed interface Credential {

  /** Who the credentials belong to, for error messages (never the secret). */
  String describe();

  /** A user name and password (or personal access token): Basic auth, or Basic to the token realm. */
  record UserPassword(String username, String password) implements Credential {
    public UserPassword {
      if (username.isEmpty()) {
        throw new IllegalArgumentException("empty user name");
      }
    }

    @Override
    public String describe() {
      return "user '" + username + "'";
    }

    @Override
    public String toString() {
      return "UserPassword[" + username + "]";
    }
  }

  /** An OAuth2 refresh token ({@code identitytoken}, or a helper answering user {@code <token>}). */
  record IdentityToken(String username, String token) implements Credential {
    @Override
    public String describe() {
      return "the identity token" + (username.isEmpty() || username.equals("<token>") ? "" : " of user '" + username + "'");
    }

    @Override
    public String toString() {
      return "IdentityToken[" + username + "]";
    }
  }

  /** A bearer token to send as is ({@code registrytoken}). */
  record RegistryToken(String token) implements Credential {
    @Override
    public String describe() {
      return "the registry token";
    }

    @Override
    public String toString() {
      return "RegistryToken[]";
    }
  }
}
