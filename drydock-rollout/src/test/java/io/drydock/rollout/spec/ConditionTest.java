package io.drydock.rollout.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionTest {

  @ParameterizedTest(name = "{0} with {1} -> {2}")
  @CsvSource(delimiter = ';', textBlock = """
      result < 0.05 ; 0.01  ; true
      result < 0.05 ; 0.05  ; false
      result >= 200 && result < 300 ; 204   ; true
      result >= 200 && result < 300 ; 302   ; false
      result < 1 || result > 10 ; 11    ; true
      !(result == 3) ; 3     ; false
      0.5 > result ; 0.4   ; true
      result == "ok" ; ok    ; true
      result != 'ok' ; bad   ; true
      result == true ; true  ; true
      """)
  void evaluates(String condition, String value, boolean expected) {
    Object v = value.equals("true") ? Boolean.TRUE : isNumber(value) ? (Object) Double.valueOf(value) : value;
    assertThat(Condition.parse(condition).test(v)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      result <        | ends too early
      result ~ 3      | unexpected character
      3 < 4           | must involve 'result'
      result < abc    | expected result, a number
      result < 1 )    | unexpected ')'
      """)
  void rejectsMalformed(String condition, String message) {
    assertThatThrownBy(() -> Condition.parse(condition)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest
  @CsvSource({"result < 3, abc", "result == 'x', 4"})
  void typeMismatchIsAnError(String condition, String value) {
    Object v = isNumber(value) ? (Object) Double.valueOf(value) : value;
    if (condition.contains("==")) {
      assertThat(Condition.parse(condition).test(v)).isFalse();
    } else {
      assertThatThrownBy(() -> Condition.parse(condition).test(v)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
