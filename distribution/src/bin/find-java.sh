# Finds a Java 21+ runtime and exports JAVA_HOME for it. Sourced by bin/gateway and ./gateway.
# Looks, in order, at $JAVA_HOME, the java on PATH, then the usual JDK folders (Debian's /usr/lib/jvm,
# /usr/java, /opt, SDKMAN, macOS), and takes the first that is 21 or newer; among the folders, the newest.
# With TURNPIKE_NEED_JAVAC=1 it insists on a full JDK (a javac beside java), as building needs one.

turnpike_java_major() {
    # Prints the feature version of the java given, e.g. 21 or 25; nothing when it does not run.
    # A JDK's release file says it without starting a JVM (~100 ms each); only without one is java asked.
    local release version
    release="$(dirname "$(dirname "$1")")/release"
    if [ -r "$release" ]; then
        version=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$release" | head -n 1)
        if [ -n "$version" ]; then
            echo "$version"
            return 0
        fi
    fi
    "$1" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

turnpike_java_ok() {
    local java="$1" major
    [ -x "$java" ] || return 1
    if [ "${TURNPIKE_NEED_JAVAC:-0}" = 1 ] && [ ! -x "$(dirname "$java")/javac" ]; then
        return 1
    fi
    major=$(turnpike_java_major "$java")
    [ -n "$major" ] && [ "$major" -ge 21 ]
}

turnpike_find_java() {
    local candidate best="" best_major=0 major
    if [ -n "${JAVA_HOME:-}" ] && turnpike_java_ok "$JAVA_HOME/bin/java"; then
        return 0
    fi
    candidate=$(command -v java 2>/dev/null || true)
    if [ -n "$candidate" ]; then
        candidate=$(readlink -f "$candidate" 2>/dev/null || echo "$candidate")
        if turnpike_java_ok "$candidate"; then
            JAVA_HOME=$(dirname "$(dirname "$candidate")")
            export JAVA_HOME
            return 0
        fi
    fi
    for candidate in /usr/lib/jvm/*/bin/java /usr/java/*/bin/java /opt/java/*/bin/java /opt/*/bin/java \
                     "$HOME"/.sdkman/candidates/java/*/bin/java \
                     /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java; do
        [ -x "$candidate" ] || continue
        turnpike_java_ok "$candidate" || continue
        major=$(turnpike_java_major "$candidate")
        if [ "$major" -gt "$best_major" ]; then
            best="$candidate"
            best_major="$major"
        fi
    done
    if [ -n "$best" ]; then
        JAVA_HOME=$(dirname "$(dirname "$best")")
        export JAVA_HOME
        return 0
    fi
    echo "Turnpike needs Java 21 or newer${TURNPIKE_NEED_JAVAC:+ (a JDK, with javac, to build)}, and none was found." >&2
    echo "Looked at \$JAVA_HOME, the java on PATH, /usr/lib/jvm, /usr/java, /opt, ~/.sdkman and /Library/Java." >&2
    echo "Install a JDK 21+ (e.g. 'apt-get install openjdk-21-jdk') or set JAVA_HOME to one." >&2
    return 1
}
