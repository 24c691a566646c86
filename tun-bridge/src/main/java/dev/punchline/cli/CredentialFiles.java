package dev.punchline.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.TypeConversionException;

/**
 * Secrets read from files, so they stay out of {@code ps} and shell history. Errors name the
 * flag, the file and the line, never the content.
 */
final class CredentialFiles {

    private CredentialFiles() {
    }

    /** One {@code NAME:PASSWORD} per line; blank lines and lines starting with '#' are skipped. */
    static List<UserCredential> users(String flag, Path file) {
        List<String> lines = read(flag, file);
        List<UserCredential> users = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                users.add(UserCredential.parse(line));
            } catch (TypeConversionException e) {
                throw new IllegalArgumentException(flag + ": " + file + " line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return users;
    }

    /** The file's first line, without surrounding white space. */
    static String secret(String flag, Path file) {
        String secret = read(flag, file).stream().findFirst().orElse("").strip();
        if (secret.isEmpty()) {
            throw new IllegalArgumentException(flag + ": " + file + " is empty");
        }
        return secret;
    }

    private static List<String> read(String flag, Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(flag + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
