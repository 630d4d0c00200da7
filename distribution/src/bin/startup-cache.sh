# Start-up caches for bin/gateway; sourced by it after find-java.sh has set JAVA_HOME.
#
# JDK 25+:    lib/turnpike.aot, recorded by `bin/gateway aot-cache` (the JDK's AOT cache, JEP 483/514/515): the
#             classes start-up needs, already loaded and linked, and the methods found hot. About twice as
#             fast to ready as without it. Used only with the JDK and the jars that recorded it; otherwise
#             ignored, and the CDS archive below is used instead.
# JDK 21-24:  lib/turnpike.jsa, a dynamic class-data sharing archive that the first run records at exit; a
#             run that finds it stale deletes it, so that it is recorded again at that run's exit.
# TURNPIKE_STARTUP_CACHE=off turns both off (then JAVA_OPTS may carry CDS or AOT options of its own).
#
# Both caches hold the class path they were recorded with, and the JVM refuses, silently here, a cache whose
# class path differs in any way, order included. So the class path is the jars of lib/ listed one by one in
# a fixed order: the JVM expands a `lib/*` in the order the file system lists the folder, which changes when
# the jars are written again, and that alone once disabled the CDS archive for good.

# Sets classpath: every jar of lib/, in byte order of their names.
turnpike_classpath() {
    local LC_ALL=C jar
    classpath=
    for jar in "$home"/lib/*.jar; do
        classpath="${classpath:+$classpath:}$jar"
    done
}

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

# What a cache belongs to: the JDK's build and folder, and the class path.
turnpike_cache_identity() {
    printf '%s %s\n%s\n' "$(turnpike_release_value JAVA_RUNTIME_VERSION)" "$JAVA_HOME" "$classpath"
}

# Whether a cache ($1) was recorded by this JDK from the jars now in lib/: its identity file ($1.id) matches,
# and no jar is newer than the cache.
turnpike_cache_current() {
    local cache="$1"
    [ -f "$cache" ] && [ -f "$cache.id" ] || return 1
    [ "$(cat "$cache.id")" = "$(turnpike_cache_identity)" ] || return 1
    [ -z "$(find "$home/lib" -name '*.jar' -newer "$cache" -print -quit)" ]
}

# Sets startup_opts for the command about to run.
turnpike_startup_opts() {
    local aot="$home/lib/turnpike.aot" cds="$home/lib/turnpike.jsa"
    startup_opts=()
    [ "${TURNPIKE_STARTUP_CACHE:-auto}" = off ] && return 0
    if [ "$(turnpike_java_feature)" -ge 25 ] 2>/dev/null && turnpike_cache_current "$aot"; then
        startup_opts=("-XX:AOTCache=$aot" "-Xlog:aot*=off:stderr" "-Xlog:cds*=off:stderr")
        return 0
    fi
    startup_opts=(-Xshare:auto "-Xlog:cds*=off:stderr")
    # Class-data sharing: the first run records an archive of the loaded classes, later runs start faster.
    if turnpike_cache_current "$cds"; then
        startup_opts+=("-XX:SharedArchiveFile=$cds")
    elif [ -w "$home/lib" ]; then
        # -XX:+AutoCreateSharedArchive records a missing archive at exit, but keeps a stale one (a jar
        # changed) unused and unrecorded forever (JDK 25): a stale one is deleted here instead.
        rm -f "$cds"
        turnpike_cache_identity > "$cds.id"
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
    rm -f "$aot" "$aot.id" "$aot.tmp"
    # The JVM records at exit, in a child JVM; -Xshare must be left out, the JVM refuses it beside AOTCacheOutput.
    "$JAVA_HOME/bin/java" -XX:+ExitOnOutOfMemoryError "${gc_opts[@]}" "-XX:AOTCacheOutput=$aot.tmp" "-Xlog:aot*=error" \
        -Dturnpike.home="$home" \
        -Djava.util.logging.config.file="$home/conf/logging.properties" \
        -cp "$classpath" io.turnpike.server.cli.Main aot-cache || return $?
    [ -f "$aot.tmp" ] || { echo "the JVM recorded no AOT cache" >&2; return 1; }
    mv "$aot.tmp" "$aot"
    turnpike_cache_identity > "$aot.id"
    echo "Recorded $aot for the JDK at $JAVA_HOME; bin/gateway uses it from the next start."
}
