package io.drydock.router.haproxy;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.model.DrydockException;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RepliesTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "add server app/a 127.0.0.1:1 | 'New server registered.\n\n' | New server registered.",
      "set server app/a state ready | '\n' | ''",
      "del server app/a | 'Server deleted.\n' | Server deleted.",
  })
  void knownSuccessAnswersPass(String command, String reply, String ok) {
    assertThatCode(() -> Replies.expect(command, reply, Set.of(ok))).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "set server app/zzz weight 3 | 'No such server.\n\n' | No such server.",
      "set server app/a weight 999 | 'Absolute weight can only be between 0 and 256 inclusive.\n' | Absolute weight can only be between 0 and 256 inclusive.",
      "del server app/a | 'Only servers in maintenance mode can be deleted.\n' | Only servers in maintenance mode can be deleted.",
      "add server app/a 1.2.3.4:5 | 'Already exists a server with the same name in backend.\n\n' | Already exists a server with the same name in backend.",
      "set server app/a state ready | 'Permission denied\nsecond line\n' | Permission denied / second line",
  })
  void errorAnswersBecomeInvalidInputQuotingHaproxy(String command, String reply, String quoted) {
    assertThatThrownBy(() -> Replies.expect(command, reply, Set.of("", "Server deleted.", "New server registered.")))
        .isInstanceOf(DrydockException.class)
        .hasMessage("Tried to run HAProxy command `" + command + "` but failed because: HAProxy answered: " + quoted);
  }
}
