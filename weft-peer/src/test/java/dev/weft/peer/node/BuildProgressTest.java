package dev.weft.peer.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildProgressTest {

  @TempDir Path directory;

  @Test
  void notableLinesAreShownInFullAndTheRestSummarisedByTheLatest() throws Exception {
    Path log = directory.resolve("build.log");
    StringWriter shown = new StringWriter();
    BuildProgress progress = BuildProgress.follow(log, new PrintWriter(shown));
    Files.writeString(
        log,
        "npm http fetch GET 200 https://registry.npmjs.org/a 12ms\n"
            + "npm http fetch GET 200 https://registry.npmjs.org/b 9ms\n"
            + "npm WARN deprecated inflight@1.0.6: leaks memory\n"
            + "added 112 packages in 4s\n",
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    Files.writeString(log, "> node chaincode.js\npartial", StandardOpenOption.APPEND);
    progress.close();

    assertThat(shown.toString().lines())
        .containsExactly(
            "  | npm WARN deprecated inflight@1.0.6: leaks memory",
            "  | added 112 packages in 4s",
            "  … > node chaincode.js");
  }

  @Test
  void aLogThatNeverAppearsShowsNothing() {
    StringWriter shown = new StringWriter();
    BuildProgress.follow(directory.resolve("none.log"), new PrintWriter(shown)).close();

    assertThat(shown.toString()).isEmpty();
  }
}
