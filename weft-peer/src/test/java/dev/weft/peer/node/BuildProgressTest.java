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
  void whatAnEarlierBuildWroteIsNotShownAgainButAReplacingBuildIs() throws Exception {
    Path log = directory.resolve("build.log");
    Files.writeString(log, "npm ERR! an earlier build failed long ago, at great length\n");
    StringWriter shown = new StringWriter();
    BuildProgress progress = BuildProgress.follow(log, new PrintWriter(shown));
    Files.writeString(log, "using the earlier build by java\n", StandardOpenOption.APPEND);
    progress.close();
    BuildProgress replaced = BuildProgress.follow(log, new PrintWriter(shown));
    // A new build replaces the log with a new file, which may outgrow the old one before it is
    // read.
    Files.delete(log);
    Files.writeString(log, "npm WARN new\n" + "x".repeat(100) + "\n");
    replaced.close();

    assertThat(shown.toString().lines())
        .containsExactly(
            "  … using the earlier build by java", "  | npm WARN new", "  … " + "x".repeat(100));
  }

  @Test
  void aLogThatNeverAppearsShowsNothing() {
    StringWriter shown = new StringWriter();
    BuildProgress.follow(directory.resolve("none.log"), new PrintWriter(shown)).close();

    assertThat(shown.toString()).isEmpty();
  }
}
