package dev.weft.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The other side of a benchmark, in its own JVM with the same class path. It reports its ports on
 * standard output ({@code KEY value} lines, ended by {@code READY}) and exits when its standard
 * input closes, so it never outlives the benchmark. JVM options for the child alone (a profiler,
 * for instance) go in the system property {@code weft.bench.childJvmArgs}, space separated.
 */
final class ChildProcess implements AutoCloseable {

  private final Process process;
  private final List<String> report = new ArrayList<>();

  ChildProcess(Class<?> main, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    String extra = System.getProperty("weft.bench.childJvmArgs", "").strip();
    if (!extra.isEmpty()) {
      command.addAll(List.of(extra.split("\\s+")));
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    try {
      process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      for (String line = out.readLine();
          line != null && !line.equals("READY");
          line = out.readLine()) {
        report.add(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!process.isAlive()) {
      throw new IllegalStateException(main.getSimpleName() + " exited: " + report);
    }
  }

  /** The value the child reported for {@code key}. */
  int port(String key) {
    return report.stream()
        .filter(line -> line.startsWith(key + " "))
        .map(line -> Integer.parseInt(line.substring(key.length() + 1)))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no " + key + " in " + report));
  }

  /** Blocks until standard input closes: the parent is gone or done. */
  static void awaitParent() {
    try {
      while (System.in.read() >= 0) {
        // nothing is sent; only the end matters
      }
    } catch (IOException e) {
      // the parent is gone
    }
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException | InterruptedException e) {
      process.destroyForcibly();
    }
  }
}
