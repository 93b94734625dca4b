using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpsConsole.Platform;

namespace OpsConsole.Alerting;

public sealed class AlertGroupConfiguration : IEntityTypeConfiguration<AlertGroup>
{
    public void Configure(EntityTypeBuilder<AlertGroup> builder)
    {
        builder.ToTable("AlertGroups");
        builder.Property(x => x.GroupKey).HasMaxLength(600);
        builder.Property(x => x.OpenKey).HasMaxLength(600);
        // The database, not the evaluator, guarantees one open group per key: SQL Server filters out the nulls of a
        // unique index on a nullable column, and SQLite never counts nulls as equal.
        builder.HasIndex(x => x.OpenKey).IsUnique();
        builder.HasIndex(x => x.GroupKey);
        builder.Property(x => x.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.Title).HasMaxLength(300);
        builder.Property(x => x.Severity).HasConversion<string>().HasMaxLength(8);
        builder.Property(x => x.Model).HasMaxLength(64);
        builder.Property(x => x.Labels).AsJson();
        builder.Property(x => x.RunbookUrl).HasMaxLength(1000);
        builder.Property(x => x.ExternalUrl).HasMaxLength(1000);
        builder.HasIndex(x => x.IncidentId);
        builder.HasMany(x => x.Members).WithOne().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}
