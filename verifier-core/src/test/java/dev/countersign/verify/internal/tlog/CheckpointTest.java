package dev.countersign.verify.internal.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class CheckpointTest {
  private static final String ROOT = Base64.getEncoder().encodeToString(new byte[32]);
  private static final String SIG =
      Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

  @Test
  void parsesBodyExtensionsAndSignatures() {
    Checkpoint cp =
        Checkpoint.parse(
            "log.test - 42\n10\n"
                + ROOT
                + "\nTimestamp: 1\n\n\u2014 w "
                + SIG
                + "\n\u2014 log "
                + SIG
                + "\n");
    assertThat(cp.origin()).isEqualTo("log.test - 42");
    assertThat(cp.treeSize()).isEqualTo(10);
    assertThat(cp.signatures()).hasSize(2);
    assertThat(new String(cp.body(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("log.test - 42\n10\n" + ROOT + "\nTimestamp: 1\n");
    assertThat(cp.signatures().get(1).keyHint()).containsExactly(1, 2, 3, 4);
  }

  @Test
  void rejectsMalformedCheckpoints() {
    for (String bad :
        new String[] {
          "origin\n10\n" + ROOT + "\n\u2014 log " + SIG + "\n", // no blank line
          "origin\n" + ROOT + "\n\n\u2014 log " + SIG + "\n", // size missing
          "\n10\n" + ROOT + "\n\n\u2014 log " + SIG + "\n", // empty origin
          "origin\n010\n" + ROOT + "\n\n\u2014 log " + SIG + "\n", // non-canonical size
          "origin\n-1\n" + ROOT + "\n\n\u2014 log " + SIG + "\n",
          "origin\n10\nAAAA\n\n\u2014 log " + SIG + "\n", // root not 32 bytes
          "origin\n10\n" + ROOT + "\n\n", // no signature
          "origin\n10\n" + ROOT + "\n\n- log " + SIG + "\n", // not an em dash
          "origin\n10\n" + ROOT + "\n\n\u2014 log AQID\n", // signature too short
          "origin\n10\n" + ROOT + "\n\n\u2014 log " + SIG
        }) { // no final newline
      assertThatThrownBy(() -> Checkpoint.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
