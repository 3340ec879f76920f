import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The DuckDB anchor of issue 12 through DuckDB's JDBC driver (org.duckdb:duckdb_jdbc), a whole
 * JVM process as a losskit run is: java -cp duckdb_jdbc.jar:DIR DuckParquet FILE.parquet prints
 * avg((pred - target)^2). bench/compare.sh compiles it and fetches the driver into bench/data/.
 */
public class DuckParquet {
    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT avg((pred - target) ^ 2) FROM read_parquet('" + args[0].replace("'", "''") + "')")) {
            r.next();
            System.out.println(r.getDouble(1));
        }
    }
}
