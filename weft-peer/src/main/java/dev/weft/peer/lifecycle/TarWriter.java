package dev.weft.peer.lifecycle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes ustar archives of regular files and directories the way Fabric's packaging writes them:
 * every file with mode {@code 0100644} (Fabric's Node platform refuses any other mode), no owner
 * names, and modification time zero, so that the same files always give the same bytes and hence
 * the same package id.
 */
public final class TarWriter {

  private static final int BLOCK = 512;

  private TarWriter() {}

  /** {@code entries}, in the order given, as a gzip-compressed tar archive. */
  public static byte[] writeGzip(List<TarEntry> entries, int uid) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    // GZIPOutputStream writes a fixed header (no file name, time zero), so output is
    // reproducible.
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(write(entries, uid));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory streams do not fail
    }
    return bytes.toByteArray();
  }

  /**
   * {@code entries} as an uncompressed tar archive; {@code uid} is both owner and group id (Fabric
   * writes 500 inside code archives and 0 in the outer package).
   */
  public static byte[] write(List<TarEntry> entries, int uid) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (TarEntry entry : entries) {
      byte[] content = entry.content();
      out.writeBytes(header(entry, content.length, uid));
      out.writeBytes(content);
      out.writeBytes(new byte[(BLOCK - content.length % BLOCK) % BLOCK]);
    }
    out.writeBytes(new byte[2 * BLOCK]); // end-of-archive marker
    return out.toByteArray();
  }

  private static byte[] header(TarEntry entry, long size, int uid) {
    byte[] header = new byte[BLOCK];
    byte[] name = entry.name().getBytes(StandardCharsets.UTF_8);
    int split = split(name, entry.name());
    if (split == 0) {
      System.arraycopy(name, 0, header, 0, name.length);
    } else {
      System.arraycopy(name, split + 1, header, 0, name.length - split - 1);
      System.arraycopy(name, 0, header, 345, split);
    }
    octal(header, 100, 8, entry.directory() ? 040755 : 0100644);
    octal(header, 108, 8, uid);
    octal(header, 116, 8, uid);
    octal(header, 124, 12, size);
    octal(header, 136, 12, 0);
    header[156] = (byte) (entry.directory() ? '5' : '0');
    System.arraycopy("ustar\00000".getBytes(StandardCharsets.US_ASCII), 0, header, 257, 8);
    long sum = 8 * ' ';
    for (int i = 0; i < BLOCK; i++) {
      sum += header[i] & 0xff;
    }
    octal(header, 148, 7, sum);
    header[155] = ' ';
    return header;
  }

  /**
   * Where to split a name over ustar's prefix (155 bytes) and name (100 bytes) fields: 0 if it fits
   * in the name field, else the index of the separating slash.
   */
  private static int split(byte[] name, String text) {
    if (name.length <= 100) {
      return 0;
    }
    for (int i = Math.min(155, name.length - 1); i > 0; i--) {
      if (name[i] == '/' && name.length - i - 1 <= 100 && name.length - i - 1 > 0) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        "file name too long for a ustar archive (at most 255 bytes, split at a '/'): " + text);
  }

  private static void octal(byte[] header, int offset, int length, long value) {
    // length - 1 zero-padded digits and a NUL, as Go's archive/tar writes them.
    String digits = Long.toOctalString(value);
    if (digits.length() > length - 1) {
      throw new IllegalArgumentException("value too large for a ustar header: " + value);
    }
    String padded = "0".repeat(length - 1 - digits.length()) + digits;
    System.arraycopy(padded.getBytes(StandardCharsets.US_ASCII), 0, header, offset, length - 1);
  }
}
