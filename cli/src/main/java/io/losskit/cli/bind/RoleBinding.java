package io.losskit.cli.bind;

import io.losskit.spi.RoleKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Where a role's values come from: one column, or several columns that form a vector
 * ({@code --col pred='logit_*'}, {@code pred_0 … pred_k}).
 *
 * @param role the role name
 * @param columns the column indices in the source
 * @param names the column names, for messages (and as class names when they hold a pred vector)
 * @param multi whether the columns form a vector (even a single matched column)
 * @param kinds the kinds the selected losses read the role as
 * @param required whether some selected loss requires it
 * @param slot the role's position in a sample's value cache
 */
public record RoleBinding(String role, int[] columns, List<String> names, boolean multi, Set<RoleKind> kinds,
                   boolean required, int slot) {

    public RoleBinding {
        names = List.copyOf(names);
        kinds = kinds.isEmpty() ? EnumSet.noneOf(RoleKind.class) : EnumSet.copyOf(kinds);
    }

    /** The column name(s) to show in a message about this role. */
    public String display() {
        return names.size() == 1 ? names.get(0) : String.join(",", names);
    }
}
