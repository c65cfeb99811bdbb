package dev.weft.peer.lifecycle;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads ustar archives (also the GNU and v7 variants of the header, which agree on every field used
 * here) holding regular files and directories. Any other entry type (links, devices, pax or GNU
 * long-name headers) is refused by name rather than skipped, because silently dropping an entry
 * could change what a chaincode package means.
 */
public final class TarReader {

  private static final int BLOCK = 512;

  /**
   * The largest archive this reads, decompressed: a chaincode package is source code, and an
   * untrusted gzip stream must not be able to expand without bound (a "gzip bomb").
   */
  public static final int MAX_ARCHIVE_BYTES = 256 * 1024 * 1024;

  private TarReader() {}

  /** The entries of a gzip-compressed tar archive, in archive order. */
  public static List<TarEntry> readGzip(byte[] archive) throws ArchiveFormatException {
    byte[] tar;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(archive))) {
      tar = in.readNBytes(MAX_ARCHIVE_BYTES + 1);
      if (tar.length > MAX_ARCHIVE_BYTES) {
        throw new ArchiveFormatException(
            "decompresses to more than " + MAX_ARCHIVE_BYTES / (1024 * 1024) + " MiB");
      }
    } catch (ZipException | EOFException e) {
      throw new ArchiveFormatException("not a gzip stream (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new ArchiveFormatException("cannot decompress: " + e.getMessage(), e);
    }
    return read(tar);
  }

  /** The entries of an uncompressed tar archive, in archive order. */
  public static List<TarEntry> read(byte[] tar) throws ArchiveFormatException {
    List<TarEntry> entries = new ArrayList<>();
    int offset = 0;
    while (offset + BLOCK <= tar.length) {
      if (zeroBlock(tar, offset)) {
        return entries; // end-of-archive marker
      }
      verifyChecksum(tar, offset, entries.size());
      String name = name(tar, offset);
      long size = octal(tar, offset + 124, 12, name, "size");
      char type = (char) tar[offset + 156];
      offset += BLOCK;
      if (size > tar.length - offset) {
        throw new ArchiveFormatException("truncated tar archive: entry " + name + " is cut short");
      }
      switch (type) {
        case '0', '\0' -> {
          if (name.endsWith("/")) {
            // An old-style (v7) header marks a directory only by the trailing slash.
            entries.add(TarEntry.directory(name));
          } else {
            byte[] content = new byte[(int) size];
            System.arraycopy(tar, offset, content, 0, content.length);
            entries.add(TarEntry.file(name, content));
          }
        }
        case '5' -> entries.add(TarEntry.directory(name));
        default ->
            throw new ArchiveFormatException(
                "tar entry "
                    + name
                    + " is a "
                    + describe(type)
                    + "; only regular files and directories are supported");
      }
      offset += (int) ((size + BLOCK - 1) / BLOCK * BLOCK);
    }
    if (offset != tar.length || entries.isEmpty() && tar.length == 0) {
      throw new ArchiveFormatException(
          tar.length == 0 ? "empty tar archive" : "not a tar archive, or a truncated one");
    }
    return entries;
  }

  private static boolean zeroBlock(byte[] tar, int offset) {
    for (int i = offset; i < offset + BLOCK; i++) {
      if (tar[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static void verifyChecksum(byte[] tar, int offset, int index)
      throws ArchiveFormatException {
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < BLOCK; i++) {
      // The checksum field itself counts as eight spaces.
      byte b = i >= 148 && i < 156 ? (byte) ' ' : tar[offset + i];
      unsigned += b & 0xff;
      signed += b;
    }
    long recorded;
    try {
      recorded = octal(tar, offset + 148, 8, "#" + index, "checksum");
    } catch (ArchiveFormatException e) {
      throw new ArchiveFormatException("not a tar archive (bad header at entry " + index + ")", e);
    }
    // Some historic writers summed signed bytes; both are accepted, as GNU tar and Go do.
    if (recorded != unsigned && recorded != signed) {
      throw new ArchiveFormatException(
          "not a tar archive (header checksum mismatch at entry " + index + ")");
    }
  }

  private static String name(byte[] tar, int offset) {
    String name = text(tar, offset, 100);
    boolean ustar =
        tar[offset + 257] == 'u'
            && tar[offset + 258] == 's'
            && tar[offset + 259] == 't'
            && tar[offset + 260] == 'a'
            && tar[offset + 261] == 'r'
            && tar[offset + 262] == 0;
    String prefix = ustar ? text(tar, offset + 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static String text(byte[] tar, int offset, int length) {
    int end = offset;
    while (end < offset + length && tar[end] != 0) {
      end++;
    }
    return new String(tar, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] tar, int offset, int length, String entry, String field)
      throws ArchiveFormatException {
    if ((tar[offset] & 0x80) != 0) {
      throw new ArchiveFormatException(
          "tar entry " + entry + " has a base-256 " + field + ", which is not supported");
    }
    String digits = text(tar, offset, length).trim();
    if (digits.isEmpty()) {
      return 0;
    }
    // Only octal digits: Long.parseLong would also take a sign, and a negative size would send
    // the reader back to the same header for ever.
    if (!digits.chars().allMatch(c -> c >= '0' && c <= '7')) {
      throw new ArchiveFormatException(
          "tar entry " + entry + " has a malformed " + field + " '" + digits + "'");
    }
    try {
      return Long.parseLong(digits, 8);
    } catch (NumberFormatException e) {
      throw new ArchiveFormatException(
          "tar entry " + entry + " has a malformed " + field + " field '" + digits + "'", e);
    }
  }

  private static String describe(char type) {
    return switch (type) {
      case '1' -> "hard link";
      case '2' -> "symbolic link";
      case '3' -> "character device";
      case '4' -> "block device";
      case '6' -> "FIFO";
      case '7' -> "contiguous file";
      case 'x', 'g' -> "pax extended header";
      case 'L', 'K' -> "GNU long name header";
      default -> "entry of type '" + type + "'";
    };
  }
}
