package dev.punchline.turn.client;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ways a TLS client can be told whom to trust, against our server's self-signed "localhost" certificate. */
class TlsTrustTest {
    private OurTurnServer server;

    @BeforeEach
    void start() throws Exception {
        server = OurTurnServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aTrustStoreHoldingTheCertificateIsTrusted(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("trust.p12");
        char[] password = "changeit".toCharArray();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setCertificateEntry("turn", serverCertificate());
        try (OutputStream out = Files.newOutputStream(store)) {
            keyStore.store(out, password);
        }

        assertAllocates(server.clientConfig(TransportProtocol.TLS).tlsTrust(TlsTrust.trustStore(store, password)));
    }

    @Test
    void theCertificateMustNameTheServer() {
        ExecutionException failure;
        try (TurnClient client = TurnClient.create(server.clientConfig(TransportProtocol.TLS)
                .tlsServerName("turn.example.org").build())) {
            failure = assertThrows(ExecutionException.class, () -> client.allocate().get(10, TimeUnit.SECONDS));
        }
        assertInstanceOf(SSLException.class, failure.getCause(), failure.getCause().toString());
    }

    @Test
    void theInsecureTrustTakesAnyCertificateForAnyName() throws Exception {
        assertAllocates(server.clientConfig(TransportProtocol.TLS).tlsServerName("turn.example.org")
                .tlsTrust(TlsTrust.insecureAcceptAnyCertificateForTestsOnly()));
    }

    private static Certificate serverCertificate() throws Exception {
        SelfSignedCertificate tls = OurTurnServer.certificate();
        try (InputStream in = Files.newInputStream(tls.certificate().toPath())) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static void assertAllocates(TurnClientConfig.Builder config) throws Exception {
        try (TurnClient client = TurnClient.create(config.build())) {
            assertTrue(client.allocate().get(10, TimeUnit.SECONDS).isActive());
        }
    }
}
