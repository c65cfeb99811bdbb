import io.grpc.ManagedChannelBuilder;
import java.nio.file.*;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.identity.*;

/** A Fabric application on fabric-gateway: creates an asset on a Weft peer and reads it back. */
public class AssetApp {
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "weft-data");
        Path msp = data.resolve("crypto/peerOrganizations/org1.example.com/users/User1@org1.example.com/msp");
        String peer = Files.readAllLines(data.resolve("peer.address")).get(0); // written by weft start
        var channel = ManagedChannelBuilder.forTarget(peer).usePlaintext().build();
        var identity = new X509Identity("Org1MSP", Identities.readX509Certificate(
                Files.newBufferedReader(msp.resolve("signcerts/User1@org1.example.com-cert.pem"))));
        var signer = Signers.newPrivateKeySigner(Identities.readPrivateKey(
                Files.newBufferedReader(msp.resolve("keystore/priv_sk"))));
        try (var gateway = Gateway.newInstance().identity(identity).signer(signer).connection(channel).connect()) {
            var contract = gateway.getNetwork("mychannel").getContract("basic");
            String id = "asset-" + System.currentTimeMillis();
            contract.submitTransaction("CreateAsset", id, "yellow", "5", "Tom", "1300");
            System.out.println("created and read back: " + new String(contract.evaluateTransaction("ReadAsset", id)));
        } finally {
            channel.shutdownNow();
        }
    }
}
