using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpsConsole.Platform;

namespace OpsConsole.Alerting;

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
