package dev.punchline.cli;

import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into the jar's manifest; "development" when run from classes. */
final class PunchlineVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Punchline.class.getPackage().getImplementationVersion();
        return new String[] {"punchline " + (version != null ? version : "development build")};
    }
}
