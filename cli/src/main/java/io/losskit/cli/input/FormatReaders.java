package io.losskit.cli.input;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Finds the {@link FormatReader} of a format: on the class path (tests, an application that
 * embeds losskit), else in the jars of {@code formats/ID/} beside losskit's jar, in a class loader
 * of their own that is made only then.
 */
final class FormatReaders {

    private FormatReaders() {
    }

    static FormatReader of(InputFormat format) throws IOException {
        FormatReader r = find(ServiceLoader.load(FormatReader.class, FormatReaders.class.getClassLoader()), format);
        if (r != null) {
            return r;
        }
        Path dir = home().resolve("formats").resolve(format.id());
        List<URL> jars = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                    jars.add(toUrl(jar));
                }
            }
        }
        URLClassLoader loader = new URLClassLoader("losskit-format " + format.id(), jars.toArray(URL[]::new),
                FormatReaders.class.getClassLoader());
        r = find(ServiceLoader.load(FormatReader.class, loader), format);
        if (r == null) {
            // A broken installation, not bad input: exit 70.
            throw new IllegalStateException("the " + format.id() + " reader is not installed (no jars in " + dir + ")");
        }
        return r;
    }

    private static FormatReader find(ServiceLoader<FormatReader> readers, InputFormat format) {
        for (FormatReader r : readers) {
            if (r.format() == format) {
                return r;
            }
        }
        return null;
    }

    /** The directory of losskit's jar (lib/ of the distribution, cli/target/lib/ of a checkout). */
    private static Path home() {
        try {
            return Path.of(FormatReaders.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static URL toUrl(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
