package dev.alo.proxy.tls;

import dev.alo.proxy.ProxyConfig;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The committed test certificates (see src/test/resources/tls/README.md) and client contexts. */
public final class TlsFiles {
  private TlsFiles() {}

  public static Path file(String name) {
    URL url = TlsFiles.class.getResource("/tls/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no test resource tls/" + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * TLS with the RSA leaf signed by an intermediate, served with the intermediate, and its PKCS#8
   * key.
   */
  public static ProxyConfig.Builder chain(ProxyConfig.Builder b) {
    return b.tls(file("chain.pem"), file("chain-key.pem"));
  }

  /** A client context that trusts the given certificate files (and nothing else). */
  public static SSLContext trusting(String... names) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    for (String name : names) {
      try (InputStream in = java.nio.file.Files.newInputStream(file(name))) {
        store.setCertificateEntry(name, (X509Certificate) cf.generateCertificate(in));
      }
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
