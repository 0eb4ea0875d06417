package dev.sequin.app.secrets;

import dev.sequin.crypto.Vault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The key that encrypts secrets at rest: {@code VAULT_KEY} (base64 of 32 bytes, as Sequin's). For
 * the quick start without it, a key is generated once into the local data folder (readable by the
 * owner only) and a warning says to set {@code VAULT_KEY} in production: a key kept beside the
 * data it protects protects little.
 */
@Configuration(proxyBeanMethods = false)
class VaultConfiguration {

    private static final Logger log = LoggerFactory.getLogger(VaultConfiguration.class);

    @Bean
    Vault vault(@Value("${VAULT_KEY:}") String vaultKey, @Value("${pg.data-dir:.sequin-data}") String dataDir) {
        if (vaultKey != null && !vaultKey.isBlank()) {
            return Vault.fromBase64(vaultKey);
        }
        Path file = Path.of(dataDir).resolve("vault.key");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, Vault.generateKey());
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // Not a POSIX file system: the folder's own permissions apply.
                }
            }
            log.warn("VAULT_KEY is not set: secrets are encrypted with the key in {}. Set VAULT_KEY in production.",
                    file.toAbsolutePath());
            return Vault.fromBase64(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the local vault key in " + file.toAbsolutePath() + "; set VAULT_KEY", e);
        }
    }
}
