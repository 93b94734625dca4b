using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpsConsole.Platform;

namespace OpsConsole.Alerting;

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
