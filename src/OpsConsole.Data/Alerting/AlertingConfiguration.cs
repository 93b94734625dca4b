using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsConsole.Alerting;

/// <summary>Label maps and matcher lists live in JSON text columns on both providers.</summary>
static class JsonColumn
{
    static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static PropertyBuilder<T> AsJson<T>(this PropertyBuilder<T> property) where T : class, new() =>
        property.HasConversion(v => JsonSerializer.Serialize(v, Options), s => JsonSerializer.Deserialize<T>(s, Options) ?? new T(),
            new ValueComparer<T>((a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
                v => JsonSerializer.Serialize(v, Options).GetHashCode(StringComparison.Ordinal),
                v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Options), Options)!));
}

public sealed class AlertRuleConfiguration : IEntityTypeConfiguration<AlertRule>
{
    public void Configure(EntityTypeBuilder<AlertRule> builder)
    {
        builder.ToTable("AlertRules");
        builder.Property(x => x.Name).HasMaxLength(200);
        builder.Property(x => x.TemplateId).HasMaxLength(64);
        builder.Property(x => x.Signal).HasMaxLength(64);
        builder.Property(x => x.Model).HasMaxLength(64);
        builder.Property(x => x.Segment).HasMaxLength(100);
        builder.Property(x => x.Column).HasMaxLength(100);
        builder.Property(x => x.Method).HasMaxLength(20);
        builder.Property(x => x.Comparator).HasConversion<string>().HasMaxLength(10);
        builder.Property(x => x.Severity).HasConversion<string>().HasMaxLength(8);
        builder.Property(x => x.Labels).AsJson();
        builder.Property(x => x.GroupBy).AsJson();
        builder.Property(x => x.RunbookSlug).HasMaxLength(64);
        builder.Property(x => x.CreatedBy).HasMaxLength(256);
        builder.Property(x => x.Revision).IsConcurrencyToken();
        builder.HasIndex(x => x.Model);
    }
}

public sealed class AlertInstanceConfiguration : IEntityTypeConfiguration<AlertInstance>
{
    public void Configure(EntityTypeBuilder<AlertInstance> builder)
    {
        builder.ToTable("AlertInstances");
        builder.Property(x => x.ScopeKey).HasMaxLength(400);
        builder.HasIndex(x => new { x.RuleId, x.ScopeKey }).IsUnique();
        builder.Property(x => x.Labels).AsJson();
        builder.Property(x => x.Phase).HasConversion<string>().HasMaxLength(10);
        builder.Property(x => x.MutedBy).HasMaxLength(200);
        builder.Property(x => x.Revision).IsConcurrencyToken();
        builder.HasOne<AlertRule>().WithMany().HasForeignKey(x => x.RuleId).OnDelete(DeleteBehavior.Cascade);
    }
}

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

public sealed class AlertGroupMemberConfiguration : IEntityTypeConfiguration<AlertGroupMember>
{
    public void Configure(EntityTypeBuilder<AlertGroupMember> builder)
    {
        builder.ToTable("AlertGroupMembers");
        builder.Property(x => x.Fingerprint).HasMaxLength(400);
        builder.HasIndex(x => new { x.GroupId, x.Fingerprint }).IsUnique();
        builder.Property(x => x.Labels).AsJson();
        builder.Property(x => x.Annotations).AsJson();
    }
}

public sealed class AlertSilenceConfiguration : IEntityTypeConfiguration<AlertSilence>
{
    public void Configure(EntityTypeBuilder<AlertSilence> builder)
    {
        builder.ToTable("AlertSilences");
        builder.Property(x => x.Matchers).AsJson();
        builder.Property(x => x.CreatedBy).HasMaxLength(256);
        builder.Property(x => x.Comment).HasMaxLength(1000);
        builder.HasIndex(x => x.EndsAt);
    }
}
