package io.turnpike.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The distribution zip, unpacked as an operator would unpack it.
 */
final class Unzipped {

    private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");

    private Unzipped() {
    }

    /** @return the zip that failsafe names, after {@code package} built it */
    static Path distributionZip() {
        return existing("turnpike.test.distributionZip");
    }

    /** @return the repository's {@code plugins/} folder, whose modules the distribution must bundle */
    static Path pluginsSource() {
        return existing("turnpike.test.pluginsSource");
    }

    private static Path existing(String property) {
        String value = System.getProperty(property);
        if (value == null || !Files.exists(Path.of(value))) {
            throw new IllegalStateException("system property " + property + " must name an existing path;"
                    + " DistributionIT runs under failsafe after `package` (got " + value + ")");
        }
        return Path.of(value);
    }

    /**
     * Extracts the zip with java.util.zip, which, unlike {@code unzip}, does not restore file modes: the
     * scripts in {@code bin/} are made executable here, as the zip records them (see
     * {@link #recordedPermissions}).
     *
     * @param zip  the distribution zip
     * @param into an empty folder
     * @return the distribution's single top folder, {@code turnpike-VERSION}
     */
    static Path unzip(Path zip, Path into) {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Path root = into.toAbsolutePath().normalize();
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IllegalStateException("zip entry escapes the folder it is unpacked into: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, target);
                    }
                }
            }
            List<Path> tops;
            try (Stream<Path> list = Files.list(root)) {
                tops = list.toList();
            }
            if (tops.size() != 1 || !Files.isDirectory(tops.getFirst())) {
                throw new IllegalStateException("the zip should hold one top folder, turnpike-VERSION; it holds " + tops);
            }
            Path home = tops.getFirst();
            try (Stream<Path> scripts = Files.list(home.resolve("bin"))) {
                for (Path script : scripts.toList()) {
                    if (!Files.isExecutable(script)) {
                        Files.setPosixFilePermissions(script, EXECUTABLE);
                    }
                }
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The Unix permissions the zip records for an entry, which {@code unzip} restores.
     *
     * @param zip   the zip
     * @param entry the entry's path inside the zip
     * @return the permissions
     */
    static Set<PosixFilePermission> recordedPermissions(Path zip, String entry) {
        URI uri = URI.create("jar:" + zip.toUri());
        try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of("enablePosixFileAttributes", "true"))) {
            return Files.getPosixFilePermissions(fs.getPath(entry));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
