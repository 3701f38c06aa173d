package io.drydock.cli.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.policy.approval.Approval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Approvals as a JSON file ({@code approvals.json}, schema {@code drydock.approvals/v1}) in the state dir,
 * appended atomically. A stopgap until the ledger store (hash-chained audit events) lands: then approvals
 * become ledger events and this file is imported once.
 */
public final class ApprovalStore {
  public static final String FILE = "approvals.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;

  private ApprovalStore(Path file) {
    this.file = file;
  }

  /** {@code DIR/approvals.json}; DIR defaults as the rollout state does: $XDG_STATE_HOME/drydock or ~/.local/state/drydock. */
  public static ApprovalStore of(@Nullable Path stateDir, Map<String, String> env) {
    Path dir = stateDir;
    if (dir == null) {
      String xdg = env.get("XDG_STATE_HOME");
      dir = xdg != null && !xdg.isBlank() ? Path.of(xdg, "drydock") : Path.of(System.getProperty("user.home"), ".local", "state", "drydock");
    }
    return new ApprovalStore(dir.resolve(FILE));
  }

  public Path file() {
    return file;
  }

  public List<Approval> load() {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try {
      JsonNode root = JSON.readTree(file.toFile());
      List<Approval> out = new ArrayList<>();
      for (JsonNode n : root.path("approvals")) {
        out.add(new Approval(n.path("subject").asText(), Digest.parse(n.path("digest").asText()), n.path("by").asText(),
            n.path("reason").asText(), Instant.parse(n.path("at").asText())));
      }
      return out;
    } catch (IOException | RuntimeException e) {
      throw DrydockException.invalidInput("Tried to read the approvals " + file + " but failed because: " + PolicyInputs.firstLine(e));
    }
  }

  public void append(Approval a) {
    List<Approval> all = new ArrayList<>(load());
    all.add(a);
    ObjectNode root = JSON.createObjectNode();
    root.put("schema", "drydock.approvals/v1");
    ArrayNode arr = root.putArray("approvals");
    for (Approval x : all) {
      arr.addObject().put("subject", x.subject()).put("digest", x.digest().toString()).put("by", x.by())
          .put("reason", x.reason()).put("at", x.at().toString());
    }
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), "." + FILE, ".tmp");
      try {
        JSON.writeValue(tmp.toFile(), root);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new DrydockException(io.drydock.model.ErrorKind.USAGE, "Tried to write " + file + " but failed because: " + e.getMessage(), e);
    }
  }
}
