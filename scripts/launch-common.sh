# Shared by the root launchers (./punchline, ./bench): build a module and what it depends on with Maven
# (tests skipped) on first use and whenever a pom or a main source is newer than the last build, then run
# a main class of it on the module's runtime class path. Source it, then: launch NAME MODULE MAIN_CLASS ARGS...
# Maven's output goes to stderr so that stdout stays the command's own.

launch() {
    local name="$1" module="$2" main_class="$3"
    shift 3
    local root
    root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
    local target="$root/$module/target"
    local classpath_file="$target/runtime-classpath.txt"

    if launch_stale "$root" "$module" "$classpath_file"; then
        mkdir -p "$target" "$root/target"
        # One build at a time, whichever launcher runs it (they build the same modules): a second launcher waits
        # for the first, then finds the build fresh.
        exec 9>"$root/target/.launcher.lock"
        flock 9
        if launch_stale "$root" "$module" "$classpath_file"; then
            launch_build "$name" "$root" "$module" "$classpath_file"
        fi
        exec 9>&-
    fi

    local jar
    jar="$(compgen -G "$target/$module-*.jar" | grep -v -- '-tests\.jar$' | head -n 1)"
    exec java -cp "$jar:$(cat "$classpath_file")" "$main_class" "$@"
}

# True when there is no build yet, or a pom or main source anywhere in the tree is newer than it.
launch_stale() {
    local root="$1" module="$2" classpath_file="$3"
    [[ -f "$classpath_file" ]] || return 0
    compgen -G "$root/$module/target/$module-*.jar" >/dev/null || return 0
    [[ -n "$(find "$root" -name target -prune -o \( -name pom.xml -o -path '*/src/main/*' \) \
        -type f -newer "$classpath_file" -print -quit)" ]]
}

launch_build() {
    local name="$1" root="$2" module="$3" classpath_file="$4"
    echo "$name: building with Maven (first use or sources changed)..." >&2
    local started=$SECONDS
    # Every module of the reactor writes the class-path file; MODULE depends on the others, so Maven builds it
    # last and its list is the one left. Debian's Maven prints colour resets even with -B, hence the sed.
    if ! mvn -B -q -f "$root/pom.xml" -DskipTests -pl "$module" -am \
            package dependency:build-classpath \
            -Dmdep.includeScope=runtime -Dmdep.outputFile="$classpath_file" 2>&1 \
            | sed -u 's/\x1b\[[0-9;]*m//g' >&2; then
        rm -f "$classpath_file"
        echo "$name: the Maven build failed (output above)" >&2
        exit 1
    fi
    touch "$classpath_file"  # the plugin leaves an unchanged file untouched: it is the build stamp
    echo "$name: built in $((SECONDS - started)) s" >&2
}
