package io.losskit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The repository's README as tests read it: its sections, and the files its code blocks give. */
final class Readme {

    private static final Pattern FILE = Pattern.compile("```\\w*\\n(?://|#) (src/\\S+)\\n(.*?)```", Pattern.DOTALL);

    private Readme() {
    }

    /** The section under {@code ## heading}, up to the next section. */
    static String section(String heading) throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        int start = readme.indexOf("\n## " + heading + "\n");
        if (start < 0) {
            throw new IllegalStateException("the README has no section \"" + heading + "\"");
        }
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start + 1, end < 0 ? readme.length() : end + 1);
    }

    /**
     * The files the code blocks of {@code section} give, in order: a block whose first line is a
     * comment naming a path ({@code // src/main/java/…} or {@code # src/main/resources/…}) is that file.
     */
    static Map<String, String> files(String section) {
        Map<String, String> files = new LinkedHashMap<>();
        Matcher m = FILE.matcher(section);
        while (m.find()) {
            files.put(m.group(1), m.group(2));
        }
        return files;
    }
}
