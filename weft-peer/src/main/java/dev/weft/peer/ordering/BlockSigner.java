package dev.weft.peer.ordering;

import com.google.protobuf.ByteString;
import dev.weft.peer.ledger.BlockHashes;
import dev.weft.peer.msp.SigningIdentity;
import java.security.SecureRandom;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.LastConfig;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.MetadataSignature;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import org.hyperledger.fabric.protos.common.SignatureHeader;

/**
 * Signs the blocks the embedded orderer cuts, as Fabric's orderer does: the SIGNATURES metadata
 * holds an {@code OrdererBlockMetadata} (the last config block's number) and one signature by the
 * node's identity over that value, the signature header and the header's DER form; LAST_CONFIG
 * holds the same number, as Fabric 2.x still writes it. Clients that check block signatures (a
 * peer's deliver client, block listeners) find the orderer's identity there.
 */
public final class BlockSigner {

  private final SigningIdentity identity;
  private final SecureRandom random;

  public BlockSigner(SigningIdentity identity, SecureRandom random) {
    this.identity = identity;
    this.random = random;
  }

  /** {@code block} with its SIGNATURES and LAST_CONFIG metadata filled. */
  // LAST_CONFIG is deprecated in the protos, yet Fabric's orderer still writes it, and clients read
  // it.
  @SuppressWarnings("deprecation")
  public Block sign(Block block, long lastConfigNumber) {
    byte[] nonce = new byte[24];
    random.nextBytes(nonce);
    ByteString signatureHeader =
        SignatureHeader.newBuilder()
            .setCreator(identity.serialized())
            .setNonce(ByteString.copyFrom(nonce))
            .build()
            .toByteString();
    ByteString value =
        OrdererBlockMetadata.newBuilder()
            .setLastConfig(LastConfig.newBuilder().setIndex(lastConfigNumber))
            .setConsenterMetadata(Metadata.getDefaultInstance().toByteString())
            .build()
            .toByteString();
    byte[] signed =
        value
            .concat(signatureHeader)
            .concat(ByteString.copyFrom(BlockHashes.headerBytes(block.getHeader())))
            .toByteArray();
    Metadata signatures =
        Metadata.newBuilder()
            .setValue(value)
            .addSignatures(
                MetadataSignature.newBuilder()
                    .setSignatureHeader(signatureHeader)
                    .setSignature(ByteString.copyFrom(identity.sign(signed))))
            .build();
    Metadata lastConfig =
        Metadata.newBuilder()
            .setValue(LastConfig.newBuilder().setIndex(lastConfigNumber).build().toByteString())
            .build();
    Block.Builder signedBlock = block.toBuilder();
    while (signedBlock.getMetadataBuilder().getMetadataCount()
        <= BlockMetadataIndex.LAST_CONFIG_VALUE) {
      signedBlock.getMetadataBuilder().addMetadata(ByteString.EMPTY);
    }
    signedBlock
        .getMetadataBuilder()
        .setMetadata(BlockMetadataIndex.SIGNATURES_VALUE, signatures.toByteString())
        .setMetadata(BlockMetadataIndex.LAST_CONFIG_VALUE, lastConfig.toByteString());
    return signedBlock.build();
  }
}
