package dev.weft.peer.lifecycle;

import java.util.Arrays;

/**
 * One entry of a tar archive as Weft reads and writes them: a regular file with its content, or a
 * directory (no content).
 *
 * @param name the entry's name inside the archive, {@code /}-separated; a directory's ends in
 *     {@code /}
 * @param directory whether the entry is a directory
 * @param content the file's bytes (empty for a directory); the record keeps its own copy
 */
public record TarEntry(String name, boolean directory, byte[] content) {

  /** Copies {@code content}, so the entry cannot change under its reader. */
  public TarEntry {
    content = content.clone();
  }

  /** A regular file. */
  public static TarEntry file(String name, byte[] content) {
    return new TarEntry(name, false, content);
  }

  /** A directory; a trailing {@code /} is added when missing, as tar writers do. */
  public static TarEntry directory(String name) {
    return new TarEntry(name.endsWith("/") ? name : name + "/", true, new byte[0]);
  }

  /** A copy of the file's bytes. */
  @Override
  public byte[] content() {
    return content.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TarEntry entry
        && name.equals(entry.name)
        && directory == entry.directory
        && Arrays.equals(content, entry.content);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * name.hashCode() + Boolean.hashCode(directory)) + Arrays.hashCode(content);
  }

  @Override
  public String toString() {
    return (directory ? "directory " : "file ") + name + " (" + content.length + " bytes)";
  }
}
