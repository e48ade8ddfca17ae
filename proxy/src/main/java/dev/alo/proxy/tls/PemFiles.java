package dev.alo.proxy.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.alo.engine.InputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a PEM certificate chain and a PEM private key with errors that say which file is wrong and
 * how. Keys: unencrypted PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) and SEC1
 * ({@code EC PRIVATE KEY}); the last two are rewrapped as PKCS#8 for the JDK.
 */
final class PemFiles {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\r?\\n(.*?)-----END \\1-----", Pattern.DOTALL);
  // AlgorithmIdentifier contents: OID rsaEncryption (1.2.840.113549.1.1.1) and NULL parameters.
  private static final byte[] RSA_ALGORITHM = {
    0x06,
    0x09,
    0x2A,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xF7,
    0x0D,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };
  // OID id-ecPublicKey (1.2.840.10045.2.1).
  private static final byte[] EC_PUBLIC_KEY = {
    0x06, 0x07, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02, 0x01
  };
  private static final List<String> KEY_ALGORITHMS =
      List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS");

  private PemFiles() {}

  /** One {@code -----BEGIN TYPE-----} block: its type, DER bytes and whether it has headers. */
  static final class Block {
    private final String type;
    private final byte[] der;
    private final boolean headers;

    Block(String type, byte[] der, boolean headers) {
      this.type = type;
      this.der = der;
      this.headers = headers;
    }

    String type() {
      return type;
    }

    byte[] der() {
      return der;
    }

    boolean headers() {
      return headers;
    }
  }

  /** The whole file, or an error naming its role ("TLS certificate file") and path. */
  static byte[] read(Path file, String role) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InputException(role + " " + file + " does not exist");
    } catch (AccessDeniedException e) {
      throw new InputException(role + " " + file + " cannot be read (permission denied)");
    } catch (IOException e) {
      throw new InputException(role + " " + file + " cannot be read: " + e.getMessage());
    }
  }

  /** The PEM blocks of a file, in order; an error if there is none. */
  static List<Block> blocks(Path file, String role, byte[] content, String expected) {
    String text = new String(content, US_ASCII);
    List<Block> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      String type = m.group(1);
      String body = m.group(2);
      // RFC 1421 headers (Proc-Type, DEK-Info) only appear on encrypted traditional keys.
      boolean headers = body.contains("Proc-Type:");
      byte[] der;
      try {
        der = headers ? new byte[0] : Base64.getMimeDecoder().decode(body.strip());
      } catch (IllegalArgumentException e) {
        throw new InputException(
            role + " " + file + ": the " + type + " block is not valid base64: " + e.getMessage());
      }
      out.add(new Block(type, der, headers));
    }
    if (out.isEmpty()) {
      String hint =
          content.length > 0 && content[0] == 0x30
              ? " (it looks like binary DER: convert it with openssl x509 -inform der / openssl"
                  + " pkey -inform der)"
              : "";
      throw new InputException(
          role + " " + file + " is not PEM (expected " + expected + " blocks)" + hint);
    }
    return out;
  }

  /** The certificates of a chain file, leaf first as written. */
  static List<X509Certificate> certificates(Path file, byte[] content) {
    String role = "TLS certificate file";
    List<Block> blocks = blocks(file, role, content, "-----BEGIN CERTIFICATE-----");
    CertificateFactory factory;
    try {
      factory = CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("the JDK has no X.509 support", e);
    }
    List<X509Certificate> chain = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (Block b : blocks) {
      if (!b.type().equals("CERTIFICATE")) {
        others.add(b.type());
        continue;
      }
      try {
        chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
      } catch (CertificateException e) {
        throw new InputException(
            role
                + " "
                + file
                + ": certificate "
                + (chain.size() + 1)
                + " cannot be parsed ("
                + e.getMessage()
                + ")");
      }
    }
    if (chain.isEmpty()) {
      String swapped =
          others.stream().anyMatch(t -> t.endsWith("PRIVATE KEY"))
              ? "; are the certificate and key files swapped?"
              : "";
      throw new InputException(
          role
              + " "
              + file
              + " holds no CERTIFICATE block (found: "
              + String.join(", ", others)
              + ")"
              + swapped);
    }
    return List.copyOf(chain);
  }

  /** The one private key of a key file (other blocks, such as EC PARAMETERS, are skipped). */
  static PrivateKey privateKey(Path file, byte[] content) {
    String role = "TLS key file";
    List<Block> blocks = blocks(file, role, content, "-----BEGIN PRIVATE KEY----- (PKCS#8)");
    Block key = null;
    List<String> others = new ArrayList<>();
    for (Block b : blocks) {
      if (b.type().equals("ENCRYPTED PRIVATE KEY") || (b.headers() && b.type().endsWith("KEY"))) {
        throw new InputException(
            role
                + " "
                + file
                + " holds an encrypted key (expected an unencrypted one: openssl pkey -in "
                + file
                + " -out KEY.pem decrypts it)");
      }
      if (b.type().endsWith("PRIVATE KEY")) {
        if (key != null) {
          throw new InputException(role + " " + file + " holds more than one private key");
        }
        key = b;
      } else {
        others.add(b.type());
      }
    }
    if (key == null) {
      String swapped =
          others.contains("CERTIFICATE") ? "; are the certificate and key files swapped?" : "";
      throw new InputException(
          role
              + " "
              + file
              + " holds no private key (expected PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY;"
              + " found: "
              + String.join(", ", others)
              + ")"
              + swapped);
    }
    byte[] pkcs8;
    try {
      pkcs8 =
          switch (key.type()) {
            case "PRIVATE KEY" -> key.der();
            case "RSA PRIVATE KEY" -> pkcs8(RSA_ALGORITHM, key.der());
            case "EC PRIVATE KEY" -> pkcs8(ecAlgorithm(key.der()), key.der());
            default ->
                throw new InputException(
                    role
                        + " "
                        + file
                        + ": "
                        + key.type()
                        + " keys are not supported (expected PRIVATE KEY, RSA PRIVATE KEY or EC"
                        + " PRIVATE KEY)");
          };
    } catch (IllegalArgumentException e) {
      throw new InputException(
          role
              + " "
              + file
              + ": the "
              + key.type()
              + " block is malformed ("
              + e.getMessage()
              + ")");
    }
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      } catch (GeneralSecurityException | RuntimeException e) {
        // Not this algorithm: try the next.
      }
    }
    throw new InputException(
        role
            + " "
            + file
            + ": the "
            + key.type()
            + " block is not a key the JDK can read (expected RSA, EC or EdDSA)");
  }

  // ------------------------------------------------------------------ DER

  /** PrivateKeyInfo (PKCS#8 v1) around a traditional key: version 0, algorithm, the key. */
  private static byte[] pkcs8(byte[] algorithmContents, byte[] key) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0x02, 0x01, 0x00});
    body.writeBytes(tlv(0x30, algorithmContents));
    body.writeBytes(tlv(0x04, key));
    return tlv(0x30, body.toByteArray());
  }

  /** id-ecPublicKey and the named curve that a SEC1 key states in its [0] parameters. */
  private static byte[] ecAlgorithm(byte[] sec1) {
    int[] seq = header(sec1, 0, 0x30);
    int p = seq[0];
    int end = seq[0] + seq[1];
    while (p < end) {
      int tag = sec1[p] & 0xFF;
      int[] h = header(sec1, p, tag);
      if (tag == 0xA0) {
        int[] oid = header(sec1, h[0], 0x06);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(EC_PUBLIC_KEY);
        out.write(sec1, h[0], oid[0] + oid[1] - h[0]);
        return out.toByteArray();
      }
      p = h[0] + h[1];
    }
    throw new IllegalArgumentException("no named curve in the EC key");
  }

  /** Checks the tag at {@code p}; returns the content's offset and length. */
  private static int[] header(byte[] der, int p, int tag) {
    if (p + 2 > der.length || (der[p] & 0xFF) != tag) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "expected DER tag 0x%02x at byte %d", tag, p));
    }
    int len = der[p + 1] & 0xFF;
    int q = p + 2;
    if (len >= 0x80) {
      int n = len & 0x7F;
      if (n == 0 || n > 3 || q + n > der.length) {
        throw new IllegalArgumentException("bad DER length at byte " + (p + 1));
      }
      len = 0;
      for (int i = 0; i < n; i++) {
        len = (len << 8) | (der[q++] & 0xFF);
      }
    }
    if (q + len > der.length) {
      throw new IllegalArgumentException("DER value at byte " + p + " runs past the end");
    }
    return new int[] {q, len};
  }

  private static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = content.length;
    if (n < 0x80) {
      out.write(n);
    } else if (n < 0x100) {
      out.write(0x81);
      out.write(n);
    } else if (n < 0x10000) {
      out.write(0x82);
      out.write(n >> 8);
      out.write(n);
    } else {
      out.write(0x83);
      out.write(n >> 16);
      out.write(n >> 8);
      out.write(n);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }
}
