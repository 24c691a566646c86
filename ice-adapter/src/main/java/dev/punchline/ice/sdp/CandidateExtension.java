package dev.punchline.ice.sdp;

/**
 * One {@code cand-extension} name/value pair we do not interpret (Chrome's {@code generation},
 * {@code network-id}, {@code network-cost}, {@code ufrag}, ...), kept so a candidate is written back as it came.
 */
public record CandidateExtension(String name, String value) {
    public CandidateExtension {
        if (name == null || !IceChars.isToken(name)) {
            throw new IllegalArgumentException("candidate extension name '" + name + "' is not a token");
        }
        if (value == null || !IceChars.isVisible(value)) {
            throw new IllegalArgumentException("candidate extension '" + name + "' has value '" + value
                    + "', not one or more visible US-ASCII characters");
        }
    }
}
