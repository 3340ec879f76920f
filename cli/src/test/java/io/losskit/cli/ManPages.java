package io.losskit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * The man pages' AsciiDoc sources, generated from the picocli model (picocli-codegen's
 * ManPageGenerator), one per command. Each source ends with a raw roff comment holding the
 * SHA-256 of the rest, which asciidoctor copies into the page it makes, so that a test can tell
 * both the sources and the pages are up to date without running asciidoctor.
 *
 * <p>{@code main(dir)} writes {@code dir/src/*.adoc}; the {@code man} Maven profile runs it and
 * then asciidoctor (see man/README.md).
 */
public final class ManPages {

    static final String SOURCE_MARK = ".\\\" losskit-man-source: sha256 ";

    private ManPages() {
    }

    /** The AsciiDoc source of each page, by page name (losskit, losskit-score…), sources' checksums included. */
    static Map<String, String> sources() {
        CommandLine root = Main.commandLine(LossRegistry.builtin());
        Map<String, String> pages = new LinkedHashMap<>();
        add(root, pages);
        return pages;
    }

    private static void add(CommandLine cl, Map<String, String> pages) {
        CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
        if (spec.usageMessage().hidden()) {
            return;
        }
        // The synopsis on one line: wrapped by picocli, its markup would break across lines; man wraps it.
        spec.usageMessage().width(10_000);
        StringWriter w = new StringWriter();
        try (PrintWriter out = new PrintWriter(w)) {
            ManPageGenerator.writeSingleManPage(out, spec);
        }
        String adoc = tidy(w.toString());
        pages.put(spec.qualifiedName("-"), adoc + "\n// The page made from this source records its checksum:\n++++\n"
                + SOURCE_MARK + sha256(adoc) + "\n++++\n");
        for (CommandLine sub : cl.getSubcommands().values()) {
            add(sub, pages);
        }
    }

    /**
     * Section titles as man pages have them ("Exit status", not "Exit status:"), and "[%]" (in
     * X[%]) passed through as text rather than read as an AsciiDoc attribute list.
     */
    private static String tidy(String adoc) {
        return adoc.replaceAll("(?m)^==  ?(.*?):?$", "== $1").replace("[%]", "+++[%]+++");
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The checksum a page or source records, or null. */
    static String recordedChecksum(String text) {
        int i = text.indexOf(SOURCE_MARK);
        if (i < 0) {
            return null;
        }
        int start = i + SOURCE_MARK.length();
        int end = text.indexOf('\n', start);
        return text.substring(start, end < 0 ? text.length() : end).trim();
    }

    /** Writes {@code manDir/src/PAGE.adoc} for every page, and deletes the sources of pages that are gone. */
    public static void main(String[] args) throws IOException {
        Path src = Path.of(args[0]).resolve("src");
        Files.createDirectories(src);
        Map<String, String> pages = sources();
        try (Stream<Path> old = Files.list(src)) {
            for (Path f : old.filter(f -> f.toString().endsWith(".adoc")).toList()) {
                if (!pages.containsKey(f.getFileName().toString().replaceFirst("\\.adoc$", ""))) {
                    Files.delete(f);
                }
            }
        }
        for (Map.Entry<String, String> page : pages.entrySet()) {
            Files.writeString(src.resolve(page.getKey() + ".adoc"), page.getValue());
        }
        System.out.println("wrote " + pages.size() + " man page sources to " + src);
    }
}
