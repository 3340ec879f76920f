package io.losskit.cli.output;

/** The formats of {@code -o}. */
public enum OutputFormat {
    TEXT, TABLE, JSON, CSV, TSV
}
