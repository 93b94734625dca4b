using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace OpsConsole.Scoring;

/// <summary>
/// Inserts log rows (predictions, shadow comparisons) with one prepared command reused per row inside one transaction:
/// these are the console's highest-volume writes, and EF's change tracking costs several times the insert itself (docs/benchmarks.md).
/// Table, column names and value conversions (UTC ticks for times) are read from the EF model, so the rows are exactly
/// what EF would have written, on SQLite and on SQL Server alike.
/// </summary>
public static class BulkInsert
{
    // alsoInTransaction: EF work committed together with the rows (the rollups of a prediction batch).
    public static async Task WriteAsync<T>(OpsDbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken,
        Func<OpsDbContext, CancellationToken, Task>? alsoInTransaction = null) where T : class
    {
        if (rows.Count == 0) return;
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await InsertAsync(db, rows, transaction, cancellationToken);
            if (alsoInTransaction is not null)
            {
                await db.Database.UseTransactionAsync(transaction, cancellationToken);
                await alsoInTransaction(db, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Inserts rows inside the transaction the context already uses (work of a <see cref="WriteAsync{T}"/> callback).</summary>
    public static Task InsertInCurrentTransactionAsync<T>(OpsDbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken) where T : class =>
        InsertAsync(db, rows, db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("No transaction is open on this context."), cancellationToken);

    static async Task InsertAsync<T>(OpsDbContext db, IReadOnlyList<T> rows, System.Data.Common.DbTransaction transaction, CancellationToken cancellationToken) where T : class
    {
        if (rows.Count == 0) return;
        var entity = db.Model.FindEntityType(typeof(T))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        // Store-generated keys (identity columns) are left to the database.
        var properties = entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never).ToList();
        var sql = ((IInfrastructure<IServiceProvider>)db).GetService<ISqlGenerationHelper>();
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        var columns = properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)).ToList();
        // Parameters typed and sized by the EF mapping (so SQL Server reuses one plan), created once and reused per row.
        var parameters = properties.Select((p, i) =>
        {
            var mapping = p.GetRelationalTypeMapping();
            var parameter = mapping.CreateParameter(command, "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), null, p.IsNullable);
            command.Parameters.Add(parameter);
            return (Property: p, Parameter: parameter, mapping.Converter);
        }).ToList();
        command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", parameters.Select(p => p.Parameter.ParameterName))})";
        await command.PrepareAsync(cancellationToken);
        foreach (var row in rows)
        {
            foreach (var (property, parameter, converter) in parameters)
            {
                var value = property.GetGetter().GetClrValueUsingContainingEntity(row);
                if (converter is not null && value is not null) value = converter.ConvertToProvider(value);
                parameter.Value = value ?? DBNull.Value;
            }
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
