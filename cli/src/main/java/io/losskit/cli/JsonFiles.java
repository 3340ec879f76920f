package io.losskit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.losskit.cli.input.InputError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a whole small JSON file named by an option (a baseline, a centers file). */
final class JsonFiles {

    private JsonFiles() {
    }

    /**
     * The parsed content of {@code file}, or null when it is empty.
     *
     * @param missing the message when the file does not exist
     * @param unreadable the start of the message when it cannot be read or parsed
     * @throws InputError naming the file
     */
    static JsonNode read(String file, String missing, String unreadable) {
        try {
            return new ObjectMapper().readTree(Files.readString(Path.of(file)));
        } catch (NoSuchFileException e) {
            throw InputError.inFile(file, missing);
        } catch (com.fasterxml.jackson.core.io.JsonEOFException e) {
            throw InputError.inFile(file, unreadable + ": the JSON ends too early (a truncated file?)");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // Jackson's own message names its internals (Source: REDACTED, START_ARRAY); say where instead
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            throw new InputError(file, at == null ? -1 : at.getLineNr(), -1, null, unreadable + ": malformed JSON"
                    + (at == null ? "" : " at column " + at.getColumnNr()));
        } catch (IOException e) {
            throw InputError.inFile(file, unreadable + ": " + e.getMessage());
        }
    }
}
