package dev.alo.proxy.tls;

import dev.alo.engine.InputException;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * The listener's TLS: the certificate chain and key loaded from PEM files and checked to match, a
 * Netty SSL context on the JDK provider (TLS 1.3 and 1.2 with forward-secret AEAD ciphers, ALPN
 * {@code http/1.1}), a reload when the files change, and the first handler of each connection.
 */
public final class ServerTls {
  static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  // TLS 1.3 suites, then Mozilla's "intermediate" TLS 1.2 suites (ECDHE/DHE with AEAD only).
  private static final List<String> CIPHERS =
      List.of(
          "TLS_AES_128_GCM_SHA256",
          "TLS_AES_256_GCM_SHA384",
          "TLS_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  private final TlsConfig config;
  private final Consumer<String> log;
  private volatile SslContext context;
  private volatile String description;
  // Guarded by this: the file contents in use, and those of the last failed reload.
  private byte[] certBytes;
  private byte[] keyBytes;
  private byte @Nullable [] failedCert;
  private byte @Nullable [] failedKey;

  private record Loaded(SslContext context, String description) {}

  private ServerTls(
      TlsConfig config, Consumer<String> log, byte[] certBytes, byte[] keyBytes, Loaded loaded) {
    this.config = config;
    this.log = log;
    this.certBytes = certBytes;
    this.keyBytes = keyBytes;
    this.context = loaded.context();
    this.description = loaded.description();
  }

  /**
   * Loads the files; an {@link InputException} says what is wrong with which file.
   *
   * @param log where reloads are reported
   * @param now the wall-clock time the certificate's validity is checked against
   */
  public static ServerTls load(TlsConfig config, Consumer<String> log, Instant now) {
    byte[] cert = PemFiles.read(config.certificateChain(), "TLS certificate file");
    byte[] key = PemFiles.read(config.privateKey(), "TLS key file");
    Loaded loaded = build(config, cert, key, now);
    return new ServerTls(config, log, cert, key, loaded);
  }

  /** What is served, for the start-up log line: subject, chain length, expiry, warnings. */
  public String description() {
    return description;
  }

  /** A handler for a new client connection, whose handshake must end within the given time. */
  SslHandler newHandler(ByteBufAllocator alloc, long handshakeTimeoutMillis) {
    SslHandler h = context.newHandler(alloc);
    h.setHandshakeTimeoutMillis(Math.max(1, handshakeTimeoutMillis));
    return h;
  }

  TlsConfig config() {
    return config;
  }

  /**
   * The first handler of a new client connection: it hands TLS to an SSL handler and refuses
   * anything else, and closes a connection whose handshake has not completed in time.
   *
   * @param nanoClock the clock the handshake deadline is measured on
   * @param onClientError called when a plain HTTP request is answered 400
   * @param onHandshakeFailure called when a handshake fails, times out or never starts
   */
  public ChannelHandler newSniffer(
      LongSupplier nanoClock, Runnable onClientError, Runnable onHandshakeFailure) {
    return new TlsSniffer(this, nanoClock, onClientError, onHandshakeFailure);
  }

  /**
   * Reads both files and, when either changed and the pair loads, serves it to new connections. A
   * pair that fails to load is logged once and the previous certificate stays in use.
   */
  public synchronized void reloadIfChanged(Instant now) {
    byte[] cert;
    byte[] key;
    try {
      cert = PemFiles.read(config.certificateChain(), "TLS certificate file");
      key = PemFiles.read(config.privateKey(), "TLS key file");
    } catch (InputException e) {
      // A file being replaced may be missing for a moment: look again at the next check.
      return;
    }
    if (Arrays.equals(cert, certBytes) && Arrays.equals(key, keyBytes)) {
      return;
    }
    if (Arrays.equals(cert, failedCert) && Arrays.equals(key, failedKey)) {
      return;
    }
    try {
      Loaded loaded = build(config, cert, key, now);
      context = loaded.context();
      description = loaded.description();
      certBytes = cert;
      keyBytes = key;
      failedCert = null;
      failedKey = null;
      log.accept("TLS certificate reloaded: " + loaded.description());
    } catch (InputException e) {
      failedCert = cert;
      failedKey = key;
      log.accept("TLS certificate not reloaded, the previous one stays in use: " + e.getMessage());
    }
  }

  private static Loaded build(TlsConfig config, byte[] certBytes, byte[] keyBytes, Instant now) {
    List<X509Certificate> chain = PemFiles.certificates(config.certificateChain(), certBytes);
    PrivateKey key = PemFiles.privateKey(config.privateKey(), keyBytes);
    if (!matches(key, chain.get(0).getPublicKey())) {
      for (int i = 1; i < chain.size(); i++) {
        if (matches(key, chain.get(i).getPublicKey())) {
          throw new InputException(
              "TLS certificate file "
                  + config.certificateChain()
                  + ": the certificate matching the key is number "
                  + (i + 1)
                  + " of "
                  + chain.size()
                  + " (expected the server's certificate first, then its intermediates)");
        }
      }
      throw new InputException(
          "TLS key file "
              + config.privateKey()
              + " does not match the certificate in "
              + config.certificateChain()
              + " ("
              + chain.get(0).getSubjectX500Principal().getName()
              + ")");
    }
    SslContext context;
    try {
      context =
          SslContextBuilder.forServer(key, chain)
              .sslProvider(SslProvider.JDK)
              .protocols(PROTOCOLS)
              .ciphers(CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
              .applicationProtocolConfig(
                  new ApplicationProtocolConfig(
                      ApplicationProtocolConfig.Protocol.ALPN,
                      ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                      ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                      ApplicationProtocolNames.HTTP_1_1))
              .build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new InputException(
          "TLS certificate "
              + config.certificateChain()
              + " with key "
              + config.privateKey()
              + " cannot be used: "
              + e.getMessage());
    }
    return new Loaded(context, describe(chain, now));
  }

  private static String describe(List<X509Certificate> chain, Instant now) {
    X509Certificate leaf = chain.get(0);
    StringBuilder s =
        new StringBuilder(leaf.getSubjectX500Principal().getName())
            .append(", ")
            .append(chain.size())
            .append(chain.size() == 1 ? " certificate" : " certificates in the chain")
            .append(", valid until ")
            .append(leaf.getNotAfter().toInstant());
    if (leaf.getNotAfter().toInstant().isBefore(now)) {
      s.append(" (EXPIRED: clients will refuse it)");
    } else if (leaf.getNotBefore().toInstant().isAfter(now)) {
      s.append(" (NOT YET VALID until ").append(leaf.getNotBefore().toInstant()).append(')');
    } else if (leaf.getNotAfter().toInstant().isBefore(now.plusSeconds(14 * 86_400L))) {
      s.append(" (expires in less than 14 days)");
    }
    return s.toString();
  }

  /** Whether the private key belongs to the public key. */
  static boolean matches(PrivateKey key, PublicKey pub) {
    if (key instanceof RSAPrivateCrtKey k && pub instanceof RSAPublicKey p) {
      return k.getModulus().equals(p.getModulus())
          && k.getPublicExponent().equals(p.getPublicExponent());
    }
    if (key instanceof RSAPrivateKey || pub instanceof RSAPublicKey) {
      return key instanceof RSAPrivateKey k
          && pub instanceof RSAPublicKey p
          && k.getModulus().equals(p.getModulus());
    }
    String algorithm;
    if (key instanceof ECPrivateKey && pub instanceof ECPublicKey) {
      algorithm = "SHA256withECDSA";
    } else if (key instanceof EdECPrivateKey && pub instanceof EdECPublicKey) {
      algorithm = "EdDSA";
    } else {
      return false;
    }
    try {
      byte[] probe = "alo key check".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(pub);
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
