package io.losskit.cli.output;

/** The formats of {@code -o}. */
public enum OutputFormat {
    TEXT, JSON, CSV, TSV
}
