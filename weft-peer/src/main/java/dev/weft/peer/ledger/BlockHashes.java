package dev.weft.peer.ledger;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.hyperledger.fabric.protos.common.BlockHeader;

/** A block's data hash and header hash, computed exactly as Fabric computes them. */
public final class BlockHashes {

  private BlockHashes() {}

  /** SHA-256 of the concatenated data entries, as Fabric 2.x computes a block's data hash. */
  public static byte[] dataHash(List<ByteString> data) {
    MessageDigest sha256 = sha256();
    data.forEach(entry -> sha256.update(entry.asReadOnlyByteBuffer()));
    return sha256.digest();
  }

  /** SHA-256 of the header's {@link #headerBytes}: what the next block's previous hash is. */
  public static byte[] headerHash(BlockHeader header) {
    return sha256().digest(headerBytes(header));
  }

  /**
   * The header's ASN.1 DER form {@code SEQUENCE {INTEGER number, OCTET STRING previousHash, OCTET
   * STRING dataHash}}, which Fabric hashes for the chain and signs in the block signature.
   */
  public static byte[] headerBytes(BlockHeader header) {
    ASN1EncodableVector fields = new ASN1EncodableVector(3);
    fields.add(new ASN1Integer(new BigInteger(Long.toUnsignedString(header.getNumber()))));
    fields.add(new DEROctetString(header.getPreviousHash().toByteArray()));
    fields.add(new DEROctetString(header.getDataHash().toByteArray()));
    try {
      return new DERSequence(fields).getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a block header", e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
