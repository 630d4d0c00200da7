# Start-up caches for bin/gateway; sourced by it after find-java.sh has set JAVA_HOME.
#
# JDK 25+:    lib/turnpike.aot, recorded by `bin/gateway aot-cache` (the JDK's AOT cache, JEP 483/514/515): the
#             classes start-up needs, already loaded and linked, and the methods found hot. About twice as
#             fast to ready as without it. Used only with the JDK that recorded it, and only while no jar in
#             lib/ is newer than it; otherwise ignored, and the CDS archive below is used instead.
# JDK 21-24:  lib/turnpike.jsa, a dynamic class-data sharing archive that the first run records at exit.
# TURNPIKE_STARTUP_CACHE=off turns both off (then JAVA_OPTS may carry CDS or AOT options of its own).

turnpike_release_value() {
    # Prints a value of $JAVA_HOME/release, e.g. JAVA_RUNTIME_VERSION; nothing when absent.
    sed -n "s/^$1=\"\\(.*\\)\"\$/\\1/p" "$JAVA_HOME/release" 2>/dev/null | head -n 1
}

turnpike_java_feature() {
    local version
    version=$(turnpike_release_value JAVA_VERSION)
    if [ -n "$version" ]; then
        echo "${version%%[.+-]*}"
    else
        turnpike_java_major "$JAVA_HOME/bin/java"
    fi
}

# The JDK a cache belongs to: its build and its folder.
turnpike_jdk_identity() {
    echo "$(turnpike_release_value JAVA_RUNTIME_VERSION) $JAVA_HOME"
}

# Whether lib/turnpike.aot was recorded by this JDK from the jars now in lib/.
turnpike_aot_usable() {
    local aot="$1"
    [ -f "$aot" ] && [ -f "$aot.jdk" ] || return 1
    [ "$(cat "$aot.jdk")" = "$(turnpike_jdk_identity)" ] || return 1
    [ -z "$(find "$home/lib" -name '*.jar' -newer "$aot" -print -quit)" ]
}

# Sets startup_opts for the command about to run.
turnpike_startup_opts() {
    local aot="$home/lib/turnpike.aot" cds="$home/lib/turnpike.jsa"
    startup_opts=()
    [ "${TURNPIKE_STARTUP_CACHE:-auto}" = off ] && return 0
    if [ "$(turnpike_java_feature)" -ge 25 ] 2>/dev/null && turnpike_aot_usable "$aot"; then
        startup_opts=("-XX:AOTCache=$aot" "-Xlog:aot*=off:stderr" "-Xlog:cds*=off:stderr")
        return 0
    fi
    startup_opts=(-Xshare:auto "-Xlog:cds*=off:stderr")
    # Class-data sharing: the first run records an archive of the loaded classes, later runs start faster.
    if [ -w "$home/lib" ] || [ -f "$cds" ]; then
        startup_opts+=("-XX:SharedArchiveFile=$cds" -XX:+AutoCreateSharedArchive)
    fi
}

# bin/gateway aot-cache: runs the start-up training (the `aot-cache` command of the Java side) with the JVM
# recording, then puts the cache in place. Needs a writable lib/.
turnpike_record_aot_cache() {
    local aot="$home/lib/turnpike.aot" feature
    feature=$(turnpike_java_feature)
    if ! [ "$feature" -ge 25 ] 2>/dev/null; then
        echo "bin/gateway aot-cache needs JDK 25 or newer (found $feature at $JAVA_HOME); on JDK 21-24 the" \
             "class-data sharing archive lib/turnpike.jsa, recorded by the first run, speeds start-up instead." >&2
        return 2
    fi
    if ! [ -w "$home/lib" ]; then
        echo "bin/gateway aot-cache writes $aot, but $home/lib is not writable." >&2
        return 1
    fi
    rm -f "$aot" "$aot.jdk" "$aot.tmp"
    # The JVM records at exit, in a child JVM; -Xshare must be left out, the JVM refuses it beside AOTCacheOutput.
    "$JAVA_HOME/bin/java" -XX:+ExitOnOutOfMemoryError "${gc_opts[@]}" "-XX:AOTCacheOutput=$aot.tmp" "-Xlog:aot*=error" \
        -Dturnpike.home="$home" \
        -Djava.util.logging.config.file="$home/conf/logging.properties" \
        -cp "$home/lib/*" io.turnpike.server.cli.Main aot-cache || return $?
    [ -f "$aot.tmp" ] || { echo "the JVM recorded no AOT cache" >&2; return 1; }
    mv "$aot.tmp" "$aot"
    turnpike_jdk_identity > "$aot.jdk"
    echo "Recorded $aot for $(turnpike_jdk_identity); bin/gateway uses it from the next start."
}
