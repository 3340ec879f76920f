package io.losskit.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Nothing public disappears from the SPI by accident (the compatibility check of Trino's
 * {@code TestSpiBackwardCompatibility}): a pack compiled against a signature fails to link when
 * it goes. {@code src/test/resources/spi-signatures.txt} lists every public type, supertype,
 * constructor, method and field of {@code io.losskit.spi}, as reflection prints them; the test
 * fails when one of them is gone unless {@code spi-removed.txt} allows it. Additions pass.
 *
 * <p>After adding to the SPI, record the additions (the file is the union of what it had and
 * what the SPI has now, minus the allowed removals):
 * <pre>mvn -B -q test -pl spi -Dtest=SpiSignaturesTest -Dspi.signatures=update</pre>
 * To remove or change a signature on purpose, copy its line (the failure prints it) into
 * {@code spi/src/test/resources/spi-removed.txt} under the heading of the SPI version that
 * removes it, then run the update. Removing anything a pack can call is an incompatible change:
 * it belongs in a new major version ({@link LossProvider#SPI_VERSION}).
 */
class SpiSignaturesTest {

    private static final Path SIGNATURES = Path.of("src/test/resources/spi-signatures.txt");
    private static final Path REMOVED = Path.of("src/test/resources/spi-removed.txt");

    @Test
    void noSignatureDisappearsUnlessAllowed() throws IOException {
        Set<String> current = signatures();
        Set<String> recorded = read(SIGNATURES);
        Set<String> allowed = read(REMOVED);
        if ("update".equals(System.getProperty("spi.signatures"))) {
            Set<String> kept = new TreeSet<>(current);
            recorded.stream().filter(s -> !allowed.contains(s)).forEach(kept::add);
            List<String> lines = new ArrayList<>(List.of(
                    "# The public signatures of io.losskit.spi. Written by SpiSignaturesTest: do not edit by hand."));
            lines.addAll(kept);
            Files.write(SIGNATURES, lines);
            recorded = kept;
        }
        List<String> gone = recorded.stream().filter(s -> !current.contains(s) && !allowed.contains(s)).toList();
        assertThat(gone).as("""
                These public signatures of the SPI are gone; a pack compiled against them no longer links.
                If that is intended (it belongs in a new SPI major version, LossProvider.SPI_VERSION), copy the lines \
                into spi/%s, then record the SPI as it is now with
                  mvn -B -q test -pl spi -Dtest=SpiSignaturesTest -Dspi.signatures=update
                """.formatted(REMOVED)).isEmpty();
    }

    @Test
    void theListingSeesTypesMembersAndSupertypes() throws IOException {
        Set<String> s = signatures();
        assertThat(s).contains(
                "public abstract interface io.losskit.spi.LossProvider",
                "public abstract java.util.List<io.losskit.spi.LossDefinition> io.losskit.spi.LossProvider.losses()",
                "public static final int io.losskit.spi.LossProvider.SPI_VERSION",
                "io.losskit.spi.PerSampleLoss extends io.losskit.spi.Loss");
        assertThat(s).noneMatch(line -> line.contains("private ") || line.contains("$$"));
    }

    /** Every public signature of the SPI package, one a line. */
    static Set<String> signatures() throws IOException {
        Set<String> out = new TreeSet<>();
        for (Class<?> c : publicTypes()) {
            out.add(c.toGenericString());
            Type superclass = c.getGenericSuperclass();
            if (superclass != null && superclass != Object.class && !c.isEnum() && !c.isRecord()) {
                out.add(c.getName() + " extends " + superclass.getTypeName());
            }
            for (Type i : c.getGenericInterfaces()) {
                out.add(c.getName() + (c.isInterface() ? " extends " : " implements ") + i.getTypeName());
            }
            List<Member> members = new ArrayList<>();
            members.addAll(List.of(c.getDeclaredConstructors()));
            members.addAll(List.of(c.getDeclaredMethods()));
            members.addAll(List.of(c.getDeclaredFields()));
            for (Member m : members) {
                if (visible(m.getModifiers()) && !m.isSynthetic() && !(m instanceof Method method && method.isBridge())) {
                    out.add(m instanceof Method method ? method.toGenericString()
                            : m instanceof Constructor<?> k ? k.toGenericString() : ((Field) m).toGenericString());
                }
            }
        }
        return out;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static List<Class<?>> publicTypes() throws IOException {
        Path root;
        try {
            root = Path.of(LossProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Path dir = root.resolve(LossProvider.class.getPackageName().replace('.', '/'));
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String file = f.getFileName().toString();
                if (file.endsWith(".class") && !file.equals("package-info.class")) {
                    Class<?> c = load(LossProvider.class.getPackageName() + "." + file.substring(0, file.length() - 6));
                    if (visibleType(c)) {
                        types.add(c);
                    }
                }
            }
        }
        return types;
    }

    private static boolean visibleType(Class<?> c) {
        for (Class<?> t = c; t != null; t = t.getDeclaringClass()) {
            if (!visible(t.getModifiers()) || t.isSynthetic() || t.isAnonymousClass() || t.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, LossProvider.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The signature lines of {@code file}: blank lines and {@code #} comments left out. */
    private static Set<String> read(Path file) throws IOException {
        Set<String> lines = new LinkedHashSet<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line.strip());
                }
            }
        }
        return lines;
    }
}
