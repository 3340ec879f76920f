package io.losskit.cli.bind;

import io.losskit.cli.input.InputError;
import io.losskit.cli.input.Record;
import io.losskit.cli.input.RecordSource;
import io.losskit.spi.InvalidSampleException;
import java.util.Map;

/**
 * The one place that says where a problem with a sample is: the file, line and record of the
 * record it came from, and the column(s) the role was read from, as the input names them (a role
 * bound to an alias, {@code pred} read from {@code embedding}, is reported as {@code embedding}).
 */
public final class Locator {

    private final RecordSource source;
    private final Map<String, RoleBinding> bindings;

    public Locator(RecordSource source, Map<String, RoleBinding> bindings) {
        this.source = source;
        this.bindings = bindings;
    }

    /** {@code e}, raised while reading {@code record}, as an input error naming where it is. */
    public InputError locate(InvalidSampleException e, Record record) {
        RoleBinding b = bindings.get(e.role());
        String column = b == null ? e.role() : b.display();
        String file = b == null ? source.name() : source.fileOf(b.columns()[0]);
        Record own = b == null ? record : source.origin(record, b.columns()[0]);
        return new InputError(file, own.line(), own.number(), column, e.getMessage());
    }
}
