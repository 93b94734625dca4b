using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpsConsole.Platform;

namespace OpsConsole.Alerting;

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
