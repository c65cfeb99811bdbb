package dev.weft.peer.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A YAML configuration file: settings by their dotted names, nested ({@code chaincode:
 * {executeTimeout: 2m}}) or flat ({@code chaincode.executeTimeout: 2m}). A name that is no setting
 * is an error that names the file and the name, so that a typo is not silently ignored.
 */
public final class ConfigFile {

  private ConfigFile() {}

  /** The settings {@code file} sets. */
  public static Map<Setting, String> read(Path file) {
    Object document;
    try (Reader reader = Files.newBufferedReader(file)) {
      document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read configuration file " + file + ": " + e);
    } catch (YAMLException e) {
      throw new IllegalArgumentException(
          "configuration file " + file + " is not valid YAML: " + e.getMessage());
    }
    Map<Setting, String> values = new EnumMap<>(Setting.class);
    if (document == null) {
      return values;
    }
    if (!(document instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(
          "configuration file " + file + " must be a mapping of settings");
    }
    collect(file, "", map, values);
    return values;
  }

  private static void collect(
      Path file, String prefix, Map<?, ?> map, Map<Setting, String> values) {
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String key = prefix + entry.getKey();
      if (entry.getValue() instanceof Map<?, ?> nested) {
        collect(file, key + ".", nested, values);
        continue;
      }
      Setting setting =
          Setting.forKey(key)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unknown setting " + key + " in configuration file " + file));
      values.put(setting, entry.getValue() == null ? "" : String.valueOf(entry.getValue()));
    }
  }
}
