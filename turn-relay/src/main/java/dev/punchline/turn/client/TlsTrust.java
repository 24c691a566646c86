package dev.punchline.turn.client;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/** Which server certificates a TLS transport accepts. */
public final class TlsTrust {
    private final String description;
    private final TrustSource source;
    private final boolean verifyHostname;

    @FunctionalInterface
    private interface TrustSource {
        void applyTo(SslContextBuilder builder) throws IOException, GeneralSecurityException;
    }

    private TlsTrust(String description, TrustSource source, boolean verifyHostname) {
        this.description = description;
        this.source = source;
        this.verifyHostname = verifyHostname;
    }

    /** The Java runtime's default trust store, host name checked. */
    public static TlsTrust systemDefault() {
        return new TlsTrust("the system trust store", builder -> { }, true);
    }

    /** CA (or self-signed server) certificates from a PEM file, host name checked. */
    public static TlsTrust pemCertificates(Path pemFile) {
        return new TlsTrust("certificates in " + pemFile,
                builder -> builder.trustManager(pemFile.toFile()), true);
    }

    /** A key store file (PKCS#12, or JKS) holding trusted certificates, host name checked. */
    public static TlsTrust trustStore(Path file, char[] password) {
        char[] copy = password == null ? null : password.clone();
        return new TlsTrust("trust store " + file, builder -> {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, copy);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            builder.trustManager(factory);
        }, true);
    }

    /**
     * Accepts ANY certificate for ANY name: the connection is encrypted but not authenticated, so anybody
     * on the path can impersonate the server. For tests against throwaway certificates only.
     */
    public static TlsTrust insecureAcceptAnyCertificateForTestsOnly() {
        return new TlsTrust("any certificate (INSECURE)",
                builder -> builder.trustManager(InsecureTrustManagerFactory.INSTANCE), false);
    }

    boolean verifiesHostname() {
        return verifyHostname;
    }

    SslContext clientContext() throws SSLException {
        SslContextBuilder builder = SslContextBuilder.forClient();
        try {
            source.applyTo(builder);
        } catch (IOException | GeneralSecurityException e) {
            throw new SSLException("cannot load the TLS trust (" + description + "): " + e.getMessage(), e);
        }
        return builder.build();
    }

    @Override
    public String toString() {
        return description;
    }
}
