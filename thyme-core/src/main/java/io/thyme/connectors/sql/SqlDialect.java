package io.thyme.connectors.sql;

/**
 * The few ways the warehouses' SQL differs where a cursor page query needs it: how identifiers are
 * quoted and how a query parameter is written. Values are always bound, never written into SQL.
 */
public interface SqlDialect {

    /** A column name as the warehouse resolves it, quoted. */
    String column(String name);

    /** The placeholder of a bound parameter with this role. */
    String parameter(CursorPageQuery.Parameter role);
}
