package dev.weft.shim;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway TLS CA with a server certificate for 127.0.0.1 and a client certificate, written as
 * PEM files (PKCS#8 keys, as Fabric's tools write them) into a directory.
 */
final class TestCertificates {

  final Path caCert;
  final Path serverCert;
  final Path serverKey;
  final Path clientCert;
  final Path clientKey;

  private TestCertificates(Path dir) {
    caCert = dir.resolve("ca.pem");
    serverCert = dir.resolve("server.pem");
    serverKey = dir.resolve("server.key");
    clientCert = dir.resolve("client.pem");
    clientKey = dir.resolve("client.key");
  }

  /** A CA and its two certificates, in {@code dir}. */
  static TestCertificates create(Path dir, String caName) {
    TestCertificates files = new TestCertificates(dir);
    try {
      KeyPair ca = keyPair();
      X500Name caSubject = new X500Name("CN=" + caName);
      X509CertificateHolder caHolder = certificate(caSubject, caSubject, ca, ca, true, false);
      write(files.caCert, caHolder);
      KeyPair server = keyPair();
      write(
          files.serverCert,
          certificate(new X500Name("CN=peer0"), caSubject, server, ca, false, true));
      write(files.serverKey, server);
      KeyPair client = keyPair();
      write(
          files.clientCert,
          certificate(new X500Name("CN=client"), caSubject, client, ca, false, false));
      write(files.clientKey, client);
      return files;
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot make test certificates", e);
    }
  }

  private static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static X509CertificateHolder certificate(
      X500Name subject,
      X500Name issuer,
      KeyPair subjectKeys,
      KeyPair issuerKeys,
      boolean ca,
      boolean server)
      throws OperatorCreationException, IOException {
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            issuer,
            BigInteger.valueOf(now.toEpochMilli()).add(BigInteger.valueOf(subject.hashCode())),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(1))),
            subject,
            subjectKeys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    if (ca) {
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } else {
      builder.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
    }
    if (server) {
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.dNSName, "localhost")
              }));
    }
    return builder.build(
        new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate()));
  }

  private static void write(Path file, Object pemObject) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      if (pemObject instanceof KeyPair keys) {
        writer.writeObject(new JcaPKCS8Generator(keys.getPrivate(), null));
      } else {
        writer.writeObject(pemObject);
      }
    }
    try {
      Files.writeString(file, text.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
